using Vigil.Domain.Patients;
using Vigil.Record.Registry;
using Vigil.Record.Storage;
using Vigil.Server.Hosting;

namespace Vigil.Server.Tests;

/// <summary>
/// The server reaches the record only through Platform (issue 14): no type of Vigil.Server refers
/// to a store of the record (<see cref="RecordReach"/>), so every page, endpoint and background
/// service reads through Platform's query services (<c>Vigil.Platform.Queries</c>), which the CLI
/// shares. Record data (rows such as <c>StoredReading</c>) still flows through. The allowance
/// names, one member at a time, what still refers to a store and why; an entry that no longer
/// refers to one is refused too, so the allowance shrinks with the code.
/// </summary>
public sealed class RecordReachTests
{
    // The composition root: it opens the record and hands its stores to the container, from which
    // Platform's services take them.
    private static readonly string[] Composition =
    [
        "Vigil.Server.Hosting.VigilServerBuilder.AddVigilCore",
        "Vigil.Server.Hosting.VigilServerBuilder.Build",
    ];

    [Fact]
    public void ServerTypes_OutsideTheAllowance_ReferToNoRecordStore()
    {
        var allowed = Composition.ToHashSet(StringComparer.Ordinal);
        var found = typeof(VigilServerBuilder).Assembly.GetTypes().Where(t => t.DeclaringType is null).SelectMany(RecordReach.In).ToList();

        var offenders = found.Where(f => !allowed.Contains(f.Member)).Select(f => $"{f.Member} refers to {f.Store.Name}").Distinct().Order(StringComparer.Ordinal).ToList();
        var stale = allowed.Where(a => !found.Any(f => f.Member == a)).Order(StringComparer.Ordinal).ToList();

        Assert.True(offenders.Count == 0, "read the record through Vigil.Platform.Queries, not its stores:\n" + string.Join('\n', offenders));
        Assert.True(stale.Count == 0, "these no longer refer to a store; take them out of the allowance:\n" + string.Join('\n', stale));
    }

    [Fact]
    public void Stores_IncludeTheirImplementations()
    {
        var names = RecordReach.Stores.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Contains(typeof(Vigil.Record.Sqlite.SqliteDatabase), RecordReach.Stores);
        Assert.Contains(typeof(Vigil.Record.Postgres.PostgresDatabase), RecordReach.Stores);
        foreach (var store in new[] { "SqlRegistry", "SqlBatchStore", "SqlReadingStore", "SqlClinicalStore", "SqlAccessStore", "SqlEventLog", "SqlTrustStore", "SqlLedger", "SqlAuditSource" })
        {
            Assert.Contains(store, names);
        }
    }

    [Fact]
    public void Rule_ChargesWhatTheCompilerMadeToTheMethodItCameFrom()
    {
        var found = RecordReach.In(typeof(Probe)).Select(f => f.Member).ToHashSet(StringComparer.Ordinal);
        var prefix = typeof(Probe).FullName + ".";

        Assert.Equal(
            new[] { ".ctor", "Captured", "Direct", "InLambda", "InStateMachineAsync", "Resolved", "Signature" }.Select(m => prefix + m).Order(StringComparer.Ordinal),
            found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Rule_LeavesRecordDataAlone()
    {
        Assert.Empty(RecordReach.In(typeof(DataOnly)));
    }

    // Each member refers to a store in its own way; those of the lambdas and the state machine
    // are seen only in what the compiler made of them.
    private sealed class Probe(IRegistry registry)
    {
        public Task<PatientRecord?> Direct(string id) => registry.FindPatientAsync(PatientId.Parse(id));

        public static void Signature(RecordDatabase database) => GC.KeepAlive(database);

        public static object Resolved(IServiceProvider services) => services.GetService(typeof(IRegistry))!;

        public static Func<object, Task<long>> InLambda() => o => ((IRegistry)o).VersionAsync();

        public static Func<Task<long>> Captured(IRegistry r) => () => r.VersionAsync();

        public static async Task<int> InStateMachineAsync(IServiceProvider services)
        {
            await Task.Yield();
            return (await ((IRegistry)services.GetService(typeof(IRegistry))!).ListPatientsAsync()).Count;
        }
    }

    private sealed class DataOnly
    {
        public static async Task<int> CountAsync(IReadOnlyList<PatientRecord> patients, Vigil.Record.Readings.StoredReading? latest)
        {
            await Task.Yield();
            return patients.Count(p => p.Devices.Count > 0) + (latest is null ? 0 : 1);
        }
    }
}

using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Vigil.Domain.Access;
using Vigil.Domain.Clinical;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Identity.Provisioning;
using Vigil.Platform.Queries;
using Vigil.Record;
using Vigil.Record.Batches;
using Vigil.Record.Readings;
using Vigil.Record.Registry;

namespace Vigil.Platform.Tests.Queries;

/// <summary>A record in a fresh data folder on a fake clock, the query services over it, and ways to fill it.</summary>
public sealed class QueryFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_000);

    private readonly string _root = Directory.CreateTempSubdirectory("vigil-queries-").FullName;

    public QueryFixture()
    {
        Time = new FakeTimeProvider(Now);
        Folder = new DataFolder(_root);
        Folder.Initialize(Time, null);
        Record = RecordStore.Open(Folder, null, Time);
        Alerts = new AlertViews(Record.Clinical);
        Patients = new PatientViews(Record.Registry, Record.Readings, Record.Clinical, Record.Access, Alerts, Time);
        Care = new CareAccess(Record.Access, Time);
        Fleet = new FleetViews(Record.Registry, Record.Batches, Record.Trust, Record.Events);
        Security = new SecurityViews(Record.Events, Record.Trust, Record.Access);
        Ledger = new LedgerViews(Record);
        Staff = new StaffDirectory(Record.Access, Time);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public FakeTimeProvider Time { get; }

    public DataFolder Folder { get; }

    public RecordStore Record { get; }

    public AlertViews Alerts { get; }

    public PatientViews Patients { get; }

    public CareAccess Care { get; }

    public FleetViews Fleet { get; }

    public SecurityViews Security { get; }

    public LedgerViews Ledger { get; }

    public StaffDirectory Staff { get; }

    /// <summary>A clinician in a team of their own that holds these patients (added as needed).</summary>
    public async Task AddClinicianAsync(string userId, params string[] patients)
    {
        Assert.True(await Record.Access.AddUserAsync(new StaffUser(userId, userId, StaffRole.Clinician, null, 0, null, false, Now), Ct));
        Assert.True(await Record.Access.AddTeamAsync("team-" + userId, "Team " + userId, Now, Ct));
        Assert.True(await Record.Access.AddMemberAsync("team-" + userId, userId, Ct));
        foreach (var patient in patients)
        {
            await AddPatientAsync(patient);
            Assert.True(await Record.Access.AssignPatientAsync("team-" + userId, PatientId.Parse(patient), Ct));
        }
    }

    public async Task AddPatientAsync(string id)
    {
        if (await Record.Registry.FindPatientAsync(PatientId.Parse(id), Ct) is null)
        {
            Assert.True(await Record.Registry.AddPatientAsync(PatientId.Parse(id), "Name of " + id, Now, cancellationToken: Ct));
        }
    }

    /// <summary>Enrolls a device (model M, lot L) and binds it to a patient, if one is named.</summary>
    public async Task<DeviceId> EnrollAsync(string device, string? patient = null)
    {
        var id = DeviceId.Parse(device);
        Assert.True(await Record.Registry.EnrollDeviceAsync(
            new DeviceRecord(id, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), [1, 2, 3], "M", "L", "S-" + device, "1.0", DeviceStatus.Active, null, Now, null), Ct));
        if (patient is not null)
        {
            await AddPatientAsync(patient);
            Assert.True(await Record.Registry.BindDeviceToPatientAsync(id, PatientId.Parse(patient), Ct));
        }

        return id;
    }

    /// <summary>Commits a batch of one reading per kind given, measured at <paramref name="at"/>.</summary>
    public async Task CommitAsync(DeviceId device, ulong sequence, string? patient, DateTimeOffset at, string source, params (MeasurementKind Kind, double Value, Verdict Verdict)[] readings)
    {
        StoredReading[] stored = [.. readings.Select((r, i) => new StoredReading(device, sequence, i, patient is null ? null : PatientId.Parse(patient), r.Kind, at, at.AddSeconds(1), [r.Value], "u", ReadingFlags.None, null, r.Verdict))];
        var batch = new AcceptedBatch(
            device, sequence, at, at.AddSeconds(1), source, new byte[16], new byte[32], SHA256.HashData(BitConverter.GetBytes(sequence + (ulong)device.Value.Length)),
            SHA256.HashData(BitConverter.GetBytes(at.ToUnixTimeMilliseconds())), stored.Length, false, stored, patient is null ? null : PatientId.Parse(patient));
        Assert.Equal(CommitOutcome.Stored, await Record.Batches.CommitAsync(batch, Ct));
    }

    /// <summary>Raises an alert on a patient and returns its number.</summary>
    public Task<long> RaiseAsync(string patient, string rule, VerdictStatus integrity, AlertStatus status = AlertStatus.Open) =>
        Record.Clinical.RaiseAlertAsync(new Alert(0, PatientId.Parse(patient), rule, null, Now, Now, 50, rule, integrity, [], status, Now, 1, Now), Ct);

    public async ValueTask DisposeAsync()
    {
        await Record.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}

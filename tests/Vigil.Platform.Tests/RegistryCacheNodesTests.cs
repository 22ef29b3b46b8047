using Npgsql;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Keys;
using Vigil.Platform.Devices;
using Vigil.Record;
using Vigil.Record.Registry;
using Vigil.Tests.Shared;

namespace Vigil.Platform.Tests;

/// <summary>
/// Two nodes on one PostgreSQL record, each with its record and registry cache: a change made
/// through one is in the other's snapshot within the bound docs/gateway.md states, and a node
/// whose listening connection was lost picks up what changed meanwhile once it is back.
/// </summary>
public sealed class RegistryCacheNodesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-nodes-").FullName;
    private readonly TestDatabase _database;
    private readonly FileKeyStore _keys;
    private readonly MakerAuthority _maker = MakerAuthority.Create("Nodes Maker", DateTimeOffset.UtcNow.AddDays(-1), TimeSpan.FromDays(30));

    public RegistryCacheNodesTests()
    {
        _database = new TestDatabase(StoreKind.Postgres, _folder);
        _keys = new FileKeyStore(Path.Combine(_folder, "keys"));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Revocation_ThroughOneNode_IsInTheOtherNodesSnapshotWithinTheBound()
    {
        await using var a = RecordStore.Open(_database.Connect(), _keys, TimeProvider.System);
        await using var b = RecordStore.Open(_database.Connect(), _keys, TimeProvider.System);
        using var nodeA = new RegistryCache(a.Registry, TimeProvider.System, a.Trust, a.Changes);
        using var nodeB = await ListeningNodeAsync(b, new RecordedChanges());
        var id = await EnrollAsync(a, "node-cgm-1");
        await Eventually.TrueAsync(() => nodeB.Device(id) is not null, "node B to see the enrolment", RegistryCache.ChangeBound);

        Assert.True(await a.Registry.SetDeviceStatusAsync(id, DeviceStatus.Revoked, "stolen", DateTimeOffset.UtcNow, Ct));

        await Eventually.TrueAsync(
            () => nodeB.Device(id)!.Status == DeviceStatus.Revoked,
            () => $"node B to see the revocation (status {nodeB.Device(id)!.Status})", RegistryCache.ChangeBound);
        await Eventually.TrueAsync(() => nodeA.Device(id)?.Status == DeviceStatus.Revoked, "node A to see its own revocation", RegistryCache.ChangeBound);
    }

    [Fact]
    public async Task ChangeWhileTheListenerIsAway_IsPickedUpWhenItReconnects()
    {
        // Node B signs in as a role of its own, so that its listener can be ended and kept out while node A changes the record.
        var role = "vigil_node_" + Guid.NewGuid().ToString("N")[..8];
        _database.Execute($"CREATE ROLE {role} SUPERUSER LOGIN PASSWORD 'node-b';");
        try
        {
            var asB = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Username = role, Password = "node-b" }.ConnectionString;
            await using var a = RecordStore.Open(_database.Connect(), _keys, TimeProvider.System);
            await using var b = RecordStore.Open(new Record.Postgres.PostgresDatabase(asB), _keys, TimeProvider.System);
            var heard = new RecordedChanges();
            using var nodeB = await ListeningNodeAsync(b, heard);
            var id = await EnrollAsync(a, "node-cgm-2");
            await Eventually.TrueAsync(() => nodeB.Device(id) is not null, "node B to see the enrolment", RegistryCache.ChangeBound);

            _database.Execute($"ALTER ROLE {role} NOLOGIN;");
            Assert.Equal(1L, _database.Scalar(
                $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '{role}' AND application_name = 'vigil record changes';"));
            await Eventually.TrueAsync(() => heard.Interruptions.Count > 0, heard.Told, RegistryCache.ChangeBound);
            Assert.True(await a.Registry.SetDeviceStatusAsync(id, DeviceStatus.Revoked, "stolen", DateTimeOffset.UtcNow, Ct));
            Assert.Equal(DeviceStatus.Active, nodeB.Device(id)!.Status);
            _database.Execute($"ALTER ROLE {role} LOGIN;");

            await Eventually.TrueAsync(
                () => nodeB.Device(id)!.Status == DeviceStatus.Revoked, heard.Told, Record.Changes.ChangeListening.LongestRetry + RegistryCache.ChangeBound);
            Assert.Equal(1, heard.Changes.Count(c => c.Payload == "device:node-cgm-2"));
            Assert.True(heard.WholeRegistry >= 2, heard.Told());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            _database.Execute($"DROP ROLE IF EXISTS {role};");
        }
    }

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    // A node's cache, once its listening connection is up (the first whole-registry change says so) and its first snapshot read.
    private static async Task<RegistryCache> ListeningNodeAsync(RecordStore record, RecordedChanges heard)
    {
        record.Changes.Subscribe(heard);
        var cache = new RegistryCache(record.Registry, TimeProvider.System, record.Trust, record.Changes);
        await Eventually.TrueAsync(() => heard.WholeRegistry > 0, heard.Told, TimeSpan.FromSeconds(15));
        await cache.RefreshAsync(Ct);
        return cache;
    }

    private async Task<DeviceId> EnrollAsync(RecordStore record, string name)
    {
        var id = DeviceId.Parse(name);
        var now = DateTimeOffset.UtcNow;
        using var certificate = _maker.IssueDevice(id, new DeviceAttributes("M", "L", name, "1"), now.AddHours(-1), now.AddDays(1));
        Assert.True(await record.Registry.EnrollDeviceAsync(
            new DeviceRecord(id, CertificateKeyId.HexOf(certificate), certificate.RawData, "M", "L", name, "1", DeviceStatus.Active, null, now, null), Ct));
        return id;
    }
}

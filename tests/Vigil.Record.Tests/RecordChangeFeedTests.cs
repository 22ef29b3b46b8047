using System.Net.Sockets;
using System.Text;
using Vigil.Domain.Devices;
using Vigil.Record.Changes;
using Vigil.Record.Sqlite;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests;

/// <summary>
/// The record's change notifications between two records of one database, as between a server and
/// the CLI beside it (SQLite) or two nodes (PostgreSQL), within the bound docs/gateway.md states.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RecordChangeFeedTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Change_ThroughAnotherRecord_IsHeardWithinTheBound(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var heard = await ListenAsync(fixture, kind);
        await using var other = RecordStore.Open(fixture.Database.Connect(), fixture.Keys, TimeProvider.System);
        var id = DeviceId.Parse("cgm-1");

        await other.Registry.EnrollDeviceAsync(RecordFixture.Device("cgm-1"), Ct);
        await other.Registry.SetDeviceStatusAsync(id, DeviceStatus.Revoked, "stolen", RecordFixture.Now, Ct);
        await other.Trust.AllowFirmwareAsync(new Trust.FirmwareEntry("M", [1, 2], "1", RecordFixture.Now), Ct);

        await Eventually.TrueAsync(() => heard.Changes.Count(c => c.Payload == "device:cgm-1") == 2 && heard.Heard("firmware:M"), heard.Told, Bound);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Change_ThatChangedNothing_IsNotAnnounced(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var heard = await ListenAsync(fixture, kind);
        var id = DeviceId.Parse("cgm-1");

        Assert.False(await fixture.Record.Registry.SetDeviceStatusAsync(id, DeviceStatus.Revoked, "nobody", RecordFixture.Now, Ct));
        await fixture.Record.Registry.EnrollDeviceAsync(RecordFixture.Device("cgm-2"), Ct);

        await Eventually.TrueAsync(() => heard.Heard("device:cgm-2"), heard.Told, Bound);
        Assert.False(heard.Heard("device:cgm-1"), heard.Told());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Notification_Malformed_IsRefusedAndTheListenerGoesOn(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var heard = await ListenAsync(fixture, kind);

        foreach (var payload in new[] { "devices:cgm-1", "device:", "registry:cgm-1" })
        {
            if (kind == StoreKind.Postgres)
            {
                fixture.Database.Execute("SELECT pg_notify('vigil_record_changes', @p);", ("@p", payload));
            }
            else
            {
                SendDatagram(ChangeSocketPath.Named(fixture.Database.SqlitePath)!, Encoding.UTF8.GetBytes(payload));
            }
        }

        if (kind == StoreKind.Sqlite)
        {
            SendDatagram(ChangeSocketPath.Named(fixture.Database.SqlitePath)!, [0xFF, 0x00, 0x3A]);
            SendDatagram(ChangeSocketPath.Named(fixture.Database.SqlitePath)!, new byte[RecordChange.MaxPayloadBytes * 8]);
        }

        await using var other = RecordStore.Open(fixture.Database.Connect(), fixture.Keys, TimeProvider.System);
        await other.Registry.EnrollDeviceAsync(RecordFixture.Device("cgm-1"), Ct);

        string[] refused = kind == StoreKind.Sqlite ? ["unknown-kind", "bad-subject", "bad-subject", "not-utf8", "too-long"] : ["unknown-kind", "bad-subject", "bad-subject"];
        await Eventually.TrueAsync(() => heard.Heard("device:cgm-1") && heard.Refusals.Count == refused.Length, heard.Told, Bound);
        Assert.Equal(refused, heard.Refusals.Select(r => r.Code));
        Assert.Empty(heard.Interruptions);
    }

    [Fact]
    public async Task SocketLeftByAProcessThatIsGone_IsReplacedAndRemoved()
    {
        await using var fixture = new RecordFixture();
        var stale = Path.Combine(Directory.CreateTempSubdirectory("vigil-").FullName, ChangeSocketPath.SocketName);
        using (var gone = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
        {
            // Bound under another name and moved, so that closing it does not remove the file, as a process killed leaves it.
            gone.Bind(new UnixDomainSocketEndPoint(stale + ".gone"));
            File.Move(stale + ".gone", stale);
        }

        File.WriteAllText(ChangeSocketPath.Pointer(fixture.Database.SqlitePath), stale);
        var heard = await ListenAsync(fixture, StoreKind.Sqlite);
        await using var other = RecordStore.Open(fixture.Database.Connect(), fixture.Keys, TimeProvider.System);
        await other.Registry.EnrollDeviceAsync(RecordFixture.Device("cgm-1"), Ct);

        await Eventually.TrueAsync(() => heard.Heard("device:cgm-1"), heard.Told, Bound);
        Assert.Empty(heard.Interruptions);
        Assert.False(Directory.Exists(Path.GetDirectoryName(stale)));
        var socket = ChangeSocketPath.Named(fixture.Database.SqlitePath)!;
        Assert.NotEqual(stale, socket);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socket));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(socket)!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ChangeSocketPath.Pointer(fixture.Database.SqlitePath)));
    }

    [Fact]
    public async Task SecondListener_WhileTheFirstLives_IsToldItHearsOnlyItsOwnChanges()
    {
        await using var fixture = new RecordFixture();
        var first = await ListenAsync(fixture, StoreKind.Sqlite);
        await using var other = RecordStore.Open(fixture.Database.Connect(), fixture.Keys, TimeProvider.System);
        var second = new RecordedChanges();

        other.Changes.Subscribe(second);
        await other.Registry.EnrollDeviceAsync(RecordFixture.Device("cgm-1"), Ct);

        Assert.Contains("another process listens", Assert.Single(second.Interruptions), StringComparison.Ordinal);
        Assert.True(second.Heard("device:cgm-1"), second.Told());
        await Eventually.TrueAsync(() => first.Heard("device:cgm-1"), first.Told, Bound);
    }

    [Fact]
    public async Task DataFolder_WhileAServerListens_HoldsOnlyFilesThatCanBeCopied()
    {
        await using var fixture = new RecordFixture();
        var deep = Directory.CreateDirectory(Path.Combine(fixture.Folder, new string('d', 120))).FullName;
        var record = Path.Combine(deep, "vigil.db");
        var keys = new Identity.Keys.FileKeyStore(Path.Combine(deep, "keys"));
        string socket;
        await using (var server = RecordStore.Open(new SqliteDatabase(record), keys, TimeProvider.System))
        {
            var heard = new RecordedChanges();
            using var subscription = server.Changes.Subscribe(heard);
            socket = ChangeSocketPath.Named(record)!;
            Assert.True(ChangeSocketPath.Fits(socket));
            var copy = Directory.CreateDirectory(Path.Combine(fixture.Folder, "copy")).FullName;
            foreach (var file in Directory.EnumerateFiles(deep, "*", SearchOption.AllDirectories))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            await using var cli = RecordStore.Open(new SqliteDatabase(record), keys, TimeProvider.System);
            await cli.Registry.EnrollDeviceAsync(RecordFixture.Device("cgm-1"), Ct);

            await Eventually.TrueAsync(() => heard.Heard("device:cgm-1"), heard.Told, Bound);
            Assert.Empty(heard.Interruptions);
        }

        Assert.False(File.Exists(ChangeSocketPath.Pointer(record)));
        Assert.False(Directory.Exists(Path.GetDirectoryName(socket)));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    // Subscribes to the fixture's record and waits until it listens: at once on SQLite, whose socket
    // is bound and named beside the record as it subscribes; on PostgreSQL once the listening connection says it is connected.
    private static async Task<RecordedChanges> ListenAsync(RecordFixture fixture, StoreKind kind)
    {
        var heard = new RecordedChanges();
        fixture.Record.Changes.Subscribe(heard);
        if (kind == StoreKind.Postgres)
        {
            await Eventually.TrueAsync(() => heard.WholeRegistry > 0, heard.Told, TimeSpan.FromSeconds(15));
        }

        return heard;
    }

    private static void SendDatagram(string path, byte[] payload)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.SendTo(payload, new UnixDomainSocketEndPoint(path));
    }
}

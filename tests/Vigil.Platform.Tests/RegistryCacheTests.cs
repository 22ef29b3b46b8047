using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Vigil.Domain.Devices;
using Vigil.Platform.Devices;
using Vigil.Record;
using Vigil.Tests.Shared;

namespace Vigil.Platform.Tests;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RegistryCacheTests
{
    [Fact]
    public async Task Device_ChangedByAnotherWriter_IsSeenWithinTheChangeBound()
    {
        await using var harness = new IngestHarness();
        var (id, _) = await harness.EnrollAsync("c-1");
        Assert.Equal(DeviceStatus.Active, harness.Registry.Device(id)!.Status);

        await harness.Record.Registry.SetDeviceStatusAsync(id, DeviceStatus.Quarantined, "drift", DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken);

        await Eventually.TrueAsync(() => harness.Registry.Device(id)!.Status == DeviceStatus.Quarantined, "the cache to see the change", RegistryCache.ChangeBound);
    }

    [Fact]
    public async Task Device_RevokedThroughAnotherRecordOfTheFile_IsSeenWithinTheChangeBound()
    {
        await using var harness = new IngestHarness();
        var (id, _) = await harness.EnrollAsync("c-4");

        // As `vigil device revoke` does beside a running server: through a record of its own, heard over the record's socket.
        await using (var cli = RecordStore.Open(harness.Folder, null, TimeProvider.System))
        {
            Assert.True(await cli.Registry.SetDeviceStatusAsync(id, DeviceStatus.Revoked, "stolen", DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken));
        }

        await Eventually.TrueAsync(
            () => harness.Registry.Device(id)!.Status == DeviceStatus.Revoked,
            () => $"the cache to see the revocation (status {harness.Registry.Device(id)!.Status})",
            RegistryCache.ChangeBound);
    }

    [Fact]
    public async Task Notification_Malformed_IsLoggedAndIgnored()
    {
        await using var harness = new IngestHarness();
        var log = new ListLogger<RegistryCache>();
        using var cache = new RegistryCache(harness.Record.Registry, TimeProvider.System, harness.Record.Trust, harness.Record.Changes, log);
        var (id, _) = await harness.EnrollAsync("c-5");
        await cache.RefreshAsync(TestContext.Current.CancellationToken);

        // Sent to the socket that the file beside the record names (docs/record.md), as any local process of the owner could.
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
        {
            var named = File.ReadAllText(harness.Folder.RecordPath + "-changes");
            socket.SendTo("device\ncgm-1"u8.ToArray(), new UnixDomainSocketEndPoint(named));
        }

        await Eventually.TrueAsync(
            () => log.Lines.Any(l => l.Level == LogLevel.Warning && l.Message.Contains("no-kind", StringComparison.Ordinal)), "a warning naming the refusal", RegistryCache.ChangeBound);
        await using (var cli = RecordStore.Open(harness.Folder, null, TimeProvider.System))
        {
            await cli.Registry.SetDeviceStatusAsync(id, DeviceStatus.Quarantined, "drift", DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken);
        }

        await Eventually.TrueAsync(() => cache.Device(id)!.Status == DeviceStatus.Quarantined, "the cache to go on hearing changes", RegistryCache.ChangeBound);
    }

    [Fact]
    public async Task RelayCarries_OnlyBoundDevices()
    {
        await using var harness = new IngestHarness();
        var (carried, _) = await harness.EnrollAsync("c-2");
        var (other, _) = await harness.EnrollAsync("c-3");
        await harness.Record.Registry.AddRelayAsync(RelayId.Parse("hub"), "ab", [1], DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken);
        await harness.Record.Registry.BindDeviceToRelayAsync(carried, RelayId.Parse("hub"), cancellationToken: TestContext.Current.CancellationToken);
        await harness.Registry.InvalidateAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(harness.Registry.RelayCarries("hub", carried));
        Assert.False(harness.Registry.RelayCarries("hub", other));
        Assert.False(harness.Registry.RelayCarries("nohub", carried));
    }
}

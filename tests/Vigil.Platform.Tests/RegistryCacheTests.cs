using Vigil.Domain.Devices;

namespace Vigil.Platform.Tests;

public sealed class RegistryCacheTests
{
    [Fact]
    public async Task Device_ChangedByAnotherWriter_IsSeenAfterTheRecheckInterval()
    {
        await using var harness = new IngestHarness();
        var (id, _) = await harness.EnrollAsync("c-1");
        Assert.Equal(DeviceStatus.Active, harness.Registry.Device(id)!.Status);

        await harness.Record.Registry.SetDeviceStatusAsync(id, DeviceStatus.Quarantined, "drift", DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken);

        var deadline = DateTime.UtcNow + RegistryCacheTimeout;
        while (harness.Registry.Device(id)!.Status != DeviceStatus.Quarantined)
        {
            Assert.True(DateTime.UtcNow < deadline, "the cache never saw the change");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task RelayCarries_OnlyBoundDevices()
    {
        await using var harness = new IngestHarness();
        var (carried, _) = await harness.EnrollAsync("c-2");
        var (other, _) = await harness.EnrollAsync("c-3");
        await harness.Record.Registry.AddRelayAsync("hub", "ab", [1], DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken);
        await harness.Record.Registry.BindDeviceToRelayAsync(carried, "hub", cancellationToken: TestContext.Current.CancellationToken);
        await harness.Registry.InvalidateAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(harness.Registry.RelayCarries("hub", carried));
        Assert.False(harness.Registry.RelayCarries("hub", other));
        Assert.False(harness.Registry.RelayCarries("nohub", carried));
    }

    private static readonly TimeSpan RegistryCacheTimeout = Devices.RegistryCache.RecheckInterval * 10;
}

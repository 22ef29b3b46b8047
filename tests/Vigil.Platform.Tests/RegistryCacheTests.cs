using Vigil.Domain.Devices;

namespace Vigil.Platform.Tests;

public sealed class RegistryCacheTests
{
    [Fact]
    public async Task Device_ChangedByAnotherWriter_IsSeenAfterTheRecheckInterval()
    {
        await using var harness = new IngestHarness();
        var (id, _) = harness.Enroll("c-1");
        Assert.Equal(DeviceStatus.Active, harness.Registry.Device(id)!.Status);

        harness.Record.Registry.SetDeviceStatus(id, DeviceStatus.Quarantined, "drift", DateTimeOffset.UtcNow);

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
        var (carried, _) = harness.Enroll("c-2");
        var (other, _) = harness.Enroll("c-3");
        harness.Record.Registry.AddRelay("hub", "ab", [1], DateTimeOffset.UtcNow);
        harness.Record.Registry.BindDeviceToRelay(carried, "hub");
        harness.Registry.Invalidate();

        Assert.True(harness.Registry.RelayCarries("hub", carried));
        Assert.False(harness.Registry.RelayCarries("hub", other));
        Assert.False(harness.Registry.RelayCarries("nohub", carried));
    }

    private static readonly TimeSpan RegistryCacheTimeout = Devices.RegistryCache.RecheckInterval * 10;
}

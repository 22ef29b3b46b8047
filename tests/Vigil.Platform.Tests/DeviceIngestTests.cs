using Vigil.Domain.Devices;
using Vigil.Platform.Devices;
using Vigil.Record.Events;

namespace Vigil.Platform.Tests;

public sealed class DeviceIngestTests
{
    [Fact]
    public async Task IngestAsync_WhenTheRecordCannotCommit_AcknowledgesNothingAndAcceptsTheRetry()
    {
        await using var harness = new IngestHarness();
        var (id, sealer) = await harness.EnrollAsync("d-1");
        var ingest = new DeviceIngest(id, harness.Services);
        var batch = IngestHarness.Seal(sealer);

        harness.Batches.Failing = true;
        var failed = await ingest.IngestAsync(IngestHarness.Request(batch));
        harness.Batches.Failing = false;
        var retried = await ingest.IngestAsync(IngestHarness.Request(batch));

        Assert.Equal("store-unavailable", failed.Code);
        Assert.Null(failed.Receipt);
        Assert.Equal("stored", retried.Code);
        Assert.Equal(1, await harness.Batches.CountBatchesAsync(id, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IngestAsync_BatchOfAnotherDevice_IsRefusedAsTopicMismatch()
    {
        await using var harness = new IngestHarness();
        var (a, _) = await harness.EnrollAsync("d-a");
        var (_, sealerB) = await harness.EnrollAsync("d-b");

        var result = await new DeviceIngest(a, harness.Services).IngestAsync(IngestHarness.Request(IngestHarness.Seal(sealerB)));

        Assert.Equal("topic-mismatch", result.Code);
        Assert.Equal(0, await harness.Batches.CountBatchesAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IngestAsync_RevokedOrUnknownDevice_IsRefusedWithAnEvent()
    {
        await using var harness = new IngestHarness();
        var (id, sealer) = await harness.EnrollAsync("d-r");
        await harness.Record.Registry.SetDeviceStatusAsync(id, DeviceStatus.Revoked, "lost", DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken);
        await harness.Registry.InvalidateAsync(cancellationToken: TestContext.Current.CancellationToken);

        var revoked = await new DeviceIngest(id, harness.Services).IngestAsync(IngestHarness.Request(IngestHarness.Seal(sealer)));
        var unknown = await new DeviceIngest(DeviceId.Parse("nobody"), harness.Services).IngestAsync(IngestHarness.Request(IngestHarness.Seal(sealer)));

        Assert.Equal("device-revoked", revoked.Code);
        Assert.Equal("unknown-device", unknown.Code);
        await WaitForAsync(async () => (await harness.Record.Events.ListAsync(new EventQuery("device-revoked"))).Count == 1);
    }

    [Fact]
    public async Task IngestAsync_AfterANewActorLoadsTheStoredWindow_ResendIsADuplicate()
    {
        await using var harness = new IngestHarness();
        var (id, sealer) = await harness.EnrollAsync("d-w");
        var batch = IngestHarness.Seal(sealer);
        Assert.Equal("stored", (await new DeviceIngest(id, harness.Services).IngestAsync(IngestHarness.Request(batch))).Code);

        var again = await new DeviceIngest(id, harness.Services).IngestAsync(IngestHarness.Request(batch));

        Assert.Equal("duplicate", again.Code);
        Assert.NotNull(again.Receipt);
        Assert.Equal(1, await harness.Batches.CountBatchesAsync(id, cancellationToken: TestContext.Current.CancellationToken));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the event");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}

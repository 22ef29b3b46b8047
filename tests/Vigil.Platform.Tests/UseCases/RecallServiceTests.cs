using Vigil.Domain.Devices;
using Vigil.Domain.Verification;
using Vigil.Platform.Verification;

namespace Vigil.Platform.Tests.UseCases;

public sealed class RecallServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_RecallOfOneLot_FlagsOnlyTheDevicesOfThatLot()
    {
        await using var harness = new IngestHarness();
        var (covered, _) = await harness.EnrollAsync("cgm-l1", lot: "L1");
        var (spared, _) = await harness.EnrollAsync("cgm-l2", lot: "L2");
        var now = DateTimeOffset.UtcNow;

        var recall = await harness.Get<RecallService>().CreateAsync(new Recall(0, "M", ["L1"], [], [], now.AddDays(-1), "reads low", now), "cli:tester");

        Assert.Equal(1, recall.Devices);
        Assert.Equal([ReasonCodes.Recall], (await harness.Record.Trust.FlagsAsync(covered, Ct)).Select(f => f.Reason));
        Assert.Empty(await harness.Record.Trust.FlagsAsync(spared, Ct));
        var stored = Assert.Single(await harness.Record.Trust.RecallsAsync(Ct));
        Assert.Equal((recall.Id, 1), (stored.Id, stored.Devices));
    }
}

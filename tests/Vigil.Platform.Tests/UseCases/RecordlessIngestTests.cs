using Vigil.Platform.Devices;
using Vigil.Protocol.Replay;

namespace Vigil.Platform.Tests.UseCases;

public sealed class RecordlessIngestTests
{
    [Fact]
    public async Task Receive_BatchesLateAndAgain_DecidesAsTheDeviceActorDoes()
    {
        await using var harness = new IngestHarness();
        var (_, sealer) = await harness.EnrollAsync("show-1");
        var ingest = new RecordlessIngest(harness.Services.Opener);
        var first = IngestHarness.Seal(sealer);
        var late = IngestHarness.Seal(sealer);
        var newest = IngestHarness.Seal(sealer);

        var decisions = new[] { first, newest, late, late, first }.Select(b => ingest.Receive(b.Envelope).Decision).ToList();

        Assert.Equal([ReplayDecision.Fresh, ReplayDecision.Fresh, ReplayDecision.Backfill, ReplayDecision.Duplicate, ReplayDecision.Duplicate], decisions);
    }

    [Fact]
    public async Task Receive_TamperedBatch_DoesNotOpen_AndLeavesTheWindowAsItWas()
    {
        await using var harness = new IngestHarness();
        var (_, sealer) = await harness.EnrollAsync("show-2");
        var ingest = new RecordlessIngest(harness.Services.Opener);
        var batch = IngestHarness.Seal(sealer);
        var tampered = batch.Envelope.ToArray();
        tampered[^20] ^= 0x01;

        var (opened, decision) = ingest.Receive(tampered);

        Assert.False(opened.IsSuccess);
        Assert.Null(decision);
        Assert.Equal(ReplayDecision.Fresh, ingest.Receive(batch.Envelope).Decision);
    }

    [Theory]
    [InlineData(ReplayDecision.Fresh, false)]
    [InlineData(ReplayDecision.Backfill, false)]
    [InlineData(ReplayDecision.Duplicate, true)]
    [InlineData(ReplayDecision.BelowWindow, true)]
    public void RecordDecides_OnlyWhatTheWindowCannotAcceptOnItsOwnWord(ReplayDecision decision, bool recordDecides) =>
        Assert.Equal(recordDecides, ReplayGuard.RecordDecides(decision));
}

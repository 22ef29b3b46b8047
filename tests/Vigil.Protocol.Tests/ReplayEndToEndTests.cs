using Vigil.Protocol.Replay;

namespace Vigil.Protocol.Tests;

public sealed class ReplayEndToEndTests
{
    [Fact]
    public void OpenThenWindow_CapturedBatchSentAgain_IsRejectedAsDuplicate()
    {
        using var platform = new TestPlatform();
        var device = platform.Enroll("replay-1");
        var window = new ReplayWindow();
        var captured = device.Seal(1);

        var first = platform.Opener.Open(captured);
        var firstDecision = window.Commit(first.Batch!.Header.Sequence);
        var again = platform.Opener.Open(captured);

        Assert.Equal(ReplayDecision.Fresh, firstDecision);
        Assert.True(again.IsSuccess);
        Assert.Equal(ReplayDecision.Duplicate, window.Commit(again.Batch!.Header.Sequence));
    }

    [Fact]
    public void OpenThenWindow_RelayForwardsBufferedBatchesOutOfOrder_AcceptsEachOnce()
    {
        using var platform = new TestPlatform();
        var device = platform.Enroll("backfill-1");
        var window = new ReplayWindow();
        var buffered = Enumerable.Range(1, 72).Select(i =>
        {
            platform.Time.Advance(TimeSpan.FromMinutes(5));
            return device.Seal((ulong)i);
        }).ToList();
        var live = device.Seal(73);

        Assert.Equal(ReplayDecision.Fresh, window.Commit(platform.Opener.Open(live).Batch!.Header.Sequence));
        var decisions = buffered.OrderByDescending(b => b.Length * 31 % 17).Select(b =>
        {
            var result = platform.Opener.Open(b);
            Assert.True(result.IsSuccess, result.ToString());
            return window.Commit(result.Batch.Header.Sequence);
        }).ToList();

        Assert.All(decisions, d => Assert.Equal(ReplayDecision.Backfill, d));
        Assert.All(buffered, b => Assert.Equal(ReplayDecision.Duplicate, window.Commit(platform.Opener.Open(b).Batch!.Header.Sequence)));
    }
}

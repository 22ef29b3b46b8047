using CsCheck;
using Vigil.Protocol.Replay;

namespace Vigil.Protocol.Tests;

public sealed class ReplayWindowTests
{
    [Fact]
    public void Commit_EachNumberOnce_AcceptsThenRejects()
    {
        var window = new ReplayWindow();

        Assert.Equal(ReplayDecision.Fresh, window.Commit(10));
        Assert.Equal(ReplayDecision.Duplicate, window.Commit(10));
        Assert.Equal(ReplayDecision.Fresh, window.Commit(11));
        Assert.Equal(ReplayDecision.Backfill, window.Commit(5));
        Assert.Equal(ReplayDecision.Duplicate, window.Commit(5));
    }

    [Fact]
    public void Commit_CgmOfflineForSixHoursBackfillsInAnyOrder_AcceptsAllOnceThenRejectsRepeats()
    {
        var window = new ReplayWindow();
        Assert.Equal(ReplayDecision.Fresh, window.Commit(1000));
        Assert.Equal(ReplayDecision.Fresh, window.Commit(1073));
        var backlog = Enumerable.Range(1001, 72).Select(i => (ulong)i).OrderBy(_ => Random.Shared.Next()).ToList();

        var first = backlog.Select(window.Commit).ToList();
        var again = backlog.Select(window.Commit).ToList();

        Assert.All(first, d => Assert.Equal(ReplayDecision.Backfill, d));
        Assert.All(again, d => Assert.Equal(ReplayDecision.Duplicate, d));
    }

    [Fact]
    public void Check_DoesNotMarkTheNumberSeen()
    {
        var window = new ReplayWindow();
        window.Commit(100);

        Assert.Equal(ReplayDecision.Backfill, window.Check(50));
        Assert.Equal(ReplayDecision.Backfill, window.Check(50));
        Assert.Equal(ReplayDecision.Backfill, window.Commit(50));
        Assert.Equal(ReplayDecision.Duplicate, window.Check(50));
    }

    [Fact]
    public void Commit_BelowTheWindow_IsBelowWindowNotAccepted()
    {
        var window = new ReplayWindow(128);
        window.Commit(1_000);

        Assert.Equal(64UL, window.Span);
        Assert.Equal(ReplayDecision.Backfill, window.Commit(937));
        Assert.Equal(ReplayDecision.BelowWindow, window.Commit(936));
        Assert.Equal(ReplayDecision.BelowWindow, window.Commit(0));
    }

    [Fact]
    public void Commit_HugeJumpForward_ForgetsNothingInsideTheWindow()
    {
        var window = new ReplayWindow(256);
        window.Commit(5);
        window.Commit(ulong.MaxValue - 10);

        Assert.Equal(ReplayDecision.BelowWindow, window.Commit(5));
        Assert.Equal(ReplayDecision.Backfill, window.Commit(ulong.MaxValue - 11));
        Assert.Equal(ReplayDecision.Fresh, window.Commit(ulong.MaxValue));
        Assert.Equal(ReplayDecision.Duplicate, window.Commit(ulong.MaxValue - 10));
    }

    [Fact]
    public void Bits_DefaultWindow_UsesAboutOneKilobyte()
    {
        var window = new ReplayWindow();

        Assert.Equal(8192, window.Bits);
        Assert.Equal(1038, window.ToBytes().Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(65_537)]
    public void Constructor_SizeNotAPowerOfTwoInRange_Throws(int bits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayWindow(bits));

    [Fact]
    public void FromBytes_CorruptState_ReturnsNull()
    {
        var bytes = new ReplayWindow(128).ToBytes();

        Assert.Null(ReplayWindow.FromBytes(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Null(ReplayWindow.FromBytes([9, .. bytes[1..]]));
        Assert.Null(ReplayWindow.FromBytes([]));
    }

    [Fact]
    public void Commit_AnySequenceOfNumbers_AcceptsEachAtMostOnceAndMatchesAModel()
    {
        var gen = Gen.Select(Gen.Int[7, 9], Gen.ULong[0, 3000].Array[1, 400]);
        gen.Sample((log2Bits, numbers) =>
        {
            var window = new ReplayWindow(1 << log2Bits);
            var accepted = new HashSet<ulong>();
            ulong? highest = null;
            foreach (var n in numbers)
            {
                var decision = window.Commit(n);
                var expected = highest is null || n > highest ? ReplayDecision.Fresh
                    : highest - n >= window.Span ? ReplayDecision.BelowWindow
                    : accepted.Contains(n) ? ReplayDecision.Duplicate
                    : ReplayDecision.Backfill;
                if (decision != expected)
                {
                    return false;
                }

                if (decision is ReplayDecision.Fresh or ReplayDecision.Backfill && !accepted.Add(n))
                {
                    return false;
                }

                highest = highest is null ? n : Math.Max(highest.Value, n);
            }

            return true;
        }, iter: 500);
    }

    [Fact]
    public void FromBytes_AfterAnyHistory_DecidesExactlyAsTheOriginal()
    {
        Gen.ULong[0, 20_000].Array[1, 300].Sample(numbers =>
        {
            var window = new ReplayWindow(512);
            foreach (var n in numbers)
            {
                window.Commit(n);
            }

            var restored = ReplayWindow.FromBytes(window.ToBytes());
            if (restored is null || restored.Highest != window.Highest)
            {
                return false;
            }

            var top = window.Highest!.Value;
            for (var probe = top > 600 ? top - 600 : 0; probe <= top + 2; probe++)
            {
                if (restored.Check(probe) != window.Check(probe))
                {
                    return false;
                }
            }

            return true;
        }, iter: 300);
    }
}

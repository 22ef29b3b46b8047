using CsCheck;
using Vigil.Domain.Verification;

namespace Vigil.Domain.Tests.Verification;

public sealed class SessionHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    // Each batch: session, session start (minutes after T0), sequence number, creation time (minutes).
    public static TheoryData<string, (int Session, int Start, ulong Sequence, int Created)[], string?> Histories => new()
    {
        { "one session, in order", [(1, 0, 1, 0), (1, 0, 2, 5), (1, 0, 3, 10)], null },
        { "one session, backfilled newest first", [(1, 0, 3, 10), (1, 0, 1, 0), (1, 0, 2, 5)], null },
        { "a re-key, then the earlier session's backlog", [(2, 20, 4, 20), (2, 20, 5, 25), (1, 0, 1, 0), (1, 0, 3, 10), (1, 0, 2, 5)], null },
        { "restart with the counter's skipped block", [(1, 0, 1, 0), (1, 0, 2, 5), (2, 6, 257, 6), (2, 6, 258, 11)], null },
        { "a clock set back by a minute at a re-key", [(1, 0, 1, 0), (1, 0, 2, 10), (2, 9, 3, 9)], null },
        { "two counters interleave", [(1, 0, 1, 0), (2, 1, 3, 1), (1, 0, 5, 5)], SessionHistory.Overlap },
        { "a second counter inside the first's range", [(1, 0, 1, 0), (1, 0, 9, 40), (2, 10, 4, 10)], SessionHistory.Overlap },
        { "a copy jumps ahead, the device goes on", [(1, 0, 1, 0), (2, 2, 1000, 2), (1, 0, 2, 5)], SessionHistory.Order },
        { "a copy fills numbers the device skipped, dated later", [(1, 0, 1, 0), (2, 10, 300, 10), (3, 20, 200, 20)], SessionHistory.Order },
        { "a session with higher numbers started earlier", [(2, 0, 10, 0), (1, 30, 1, 30)], SessionHistory.Order },
        { "a clock that ran back an hour across a restart", [(1, 0, 1, 60), (2, 5, 257, 5)], SessionHistory.Order },
    };

    [Theory]
    [MemberData(nameof(Histories))]
    public void Check_History_FindsWhatOnlyTwoHoldersOfTheKeyProduce(string name, (int Session, int Start, ulong Sequence, int Created)[] batches, string? expected)
    {
        var history = new SessionHistory([]);
        CloneFinding? found = null;
        foreach (var (session, start, sequence, created) in batches)
        {
            found ??= history.Check((UInt128)session, T0.AddMinutes(start), sequence, T0.AddMinutes(created));
            history.Add((UInt128)session, T0.AddMinutes(start), sequence, T0.AddMinutes(created));
        }

        Assert.True(expected == found?.Rule, $"{name}: expected {expected ?? "nothing"}, found {found?.Rule ?? "nothing"} ({found?.Detail})");
    }

    [Fact]
    public void Check_APairOnceReported_IsNotReportedAgain()
    {
        var history = new SessionHistory([]);
        history.Add(1, T0, 1, T0);
        history.Add(1, T0, 5, T0.AddMinutes(5));

        var first = history.Check(2, T0.AddMinutes(1), 3, T0.AddMinutes(1));
        history.Add(2, T0.AddMinutes(1), 3, T0.AddMinutes(1));
        var second = history.Check(2, T0.AddMinutes(1), 4, T0.AddMinutes(2));

        Assert.Equal(SessionHistory.Overlap, first?.Rule);
        Assert.Null(second);
        Assert.Equal(T0 - VerificationRules.SessionOrderTolerance, first!.Since);
    }

    [Fact]
    public void Constructor_StoredSessions_AreTheEvidenceOfLaterBatches()
    {
        var history = new SessionHistory([new SessionSpan(1, T0, 1, 20, T0, T0.AddMinutes(100))]);

        Assert.Equal(SessionHistory.Overlap, history.Check(2, T0.AddMinutes(50), 7, T0.AddMinutes(50))?.Rule);
    }

    [Fact]
    public void Check_OneDeviceAnyArrivalOrder_NeverFindsAClone()
    {
        // One counter and one clock that never runs back, re-keying now and then and skipping the
        // rest of a block at restarts; the batches arrive in any order.
        var device = Gen.Select(Gen.Int[1, 40], Gen.Int[1, 6].Array[1, 12], Gen.Int[0, 1_000_000]);
        device.Sample((count, gaps, seed) =>
        {
            var batches = new List<(UInt128 Session, DateTimeOffset Start, ulong Sequence, DateTimeOffset Created)>();
            var (session, start, sequence, time) = ((UInt128)1, T0, 1UL, T0);
            for (var i = 0; i < count; i++)
            {
                if (i > 0 && gaps[i % gaps.Length] == 1)
                {
                    (session, start, sequence) = (session + 1, time, sequence + 256 - (sequence % 256));
                }

                batches.Add((session, start, sequence, time));
                sequence++;
                time = time.AddMinutes(gaps[i % gaps.Length]);
            }

            var random = new Random(seed);
            var history = new SessionHistory([]);
            foreach (var b in batches.OrderBy(_ => random.Next()))
            {
                if (history.Check(b.Session, b.Start, b.Sequence, b.Created) is not null)
                {
                    return false;
                }

                history.Add(b.Session, b.Start, b.Sequence, b.Created);
            }

            return true;
        });
    }
}

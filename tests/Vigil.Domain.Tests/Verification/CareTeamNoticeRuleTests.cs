using Vigil.Domain.Verification;

namespace Vigil.Domain.Tests.Verification;

public sealed class CareTeamNoticeRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly Verdict Flat = Verdict.Of([ReasonCodes.Flatline]);
    private static readonly Verdict Stale = Verdict.Of([ReasonCodes.StaleRepeat]);
    private static readonly Verdict Noisy = Verdict.Of([ReasonCodes.Noise]);

    [Theory]
    [InlineData("FFF", 2, "flatline")]
    [InlineData("SSS", 2, "stale-repeat")]
    [InlineData("FF", -1, null)]
    [InlineData("FFVF", -1, null)]
    [InlineData("NNN", -1, null)]
    [InlineData("VVVFFF", 5, "flatline")]
    public void Observe_BatchesInARow_NoticeOnlyAfterEnough(string batches, int noticeAt, string? reason)
    {
        var rule = new CareTeamNoticeRule();

        var notices = batches.Select((b, i) => rule.Observe([Of(b)], T0.AddMinutes(5 * i))).ToList();

        for (var i = 0; i < notices.Count; i++)
        {
            Assert.Equal(i == noticeAt ? reason : null, notices[i]);
        }
    }

    [Fact]
    public void Observe_FewAffectedReadingsInABatch_DoNotCount()
    {
        var rule = new CareTeamNoticeRule();
        Verdict[] batch = [Flat, Verdict.Verified, Verdict.Verified];

        var notices = Enumerable.Range(0, 5).Select(i => rule.Observe(batch, T0.AddMinutes(i))).ToList();

        Assert.All(notices, Assert.Null);
    }

    [Fact]
    public void Observe_AfterANotice_WaitsForTheCooldown()
    {
        var rule = new CareTeamNoticeRule();
        var at = T0;
        string? Next(TimeSpan step)
        {
            at += step;
            return rule.Observe([Flat], at);
        }

        var notices = Enumerable.Range(0, 6).Select(_ => Next(TimeSpan.FromMinutes(1))).ToList();
        var afterCooldown = Next(CareTeamNoticeRule.Cooldown);

        Assert.Equal(1, notices.Count(n => n is not null));
        Assert.Equal(ReasonCodes.Flatline, afterCooldown);
    }

    private static Verdict Of(char c) => c switch
    {
        'F' => Flat,
        'S' => Stale,
        'N' => Noisy,
        _ => Verdict.Verified,
    };
}

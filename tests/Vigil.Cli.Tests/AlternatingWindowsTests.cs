using Vigil.Cli.Bench;

namespace Vigil.Cli.Tests;

/// <summary>The hostile bench's interleaving of windows alone and beside the hostile neighbour, and the merging of their runs.</summary>
public sealed class AlternatingWindowsTests
{
    [Fact]
    public void For_TenMinutes_TwentyOneMinuteWindows_HalfOfThemHostile()
    {
        var plan = AlternatingWindows.For(TimeSpan.FromMinutes(10));

        Assert.Equal(TimeSpan.FromMinutes(1), plan.Length);
        Assert.Equal(20, plan.Count);
        Assert.Equal(10, Enumerable.Range(0, plan.Count).Count(AlternatingWindows.IsHostile));
        Assert.Equal(TimeSpan.FromMinutes(20), plan.Total);
    }

    [Fact]
    public void For_OneMinute_FourHalfMinuteWindows()
    {
        var plan = AlternatingWindows.For(TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromSeconds(30), plan.Length);
        Assert.Equal(4, plan.Count);
    }

    [Fact]
    public void IsHostile_AloneHostileHostileAlone_SoAGrowingRecordFavoursNeitherSide()
    {
        Assert.Equal([false, true, true, false, false, true, true, false], Enumerable.Range(0, 8).Select(AlternatingWindows.IsHostile));

        // A latency that grows steadily with the window's index has the same mean on both sides of each four.
        var sides = Enumerable.Range(0, 8).GroupBy(AlternatingWindows.IsHostile).ToDictionary(g => g.Key, g => g.Sum());
        Assert.Equal(sides[false], sides[true]);
    }

    [Fact]
    public void Combine_TwoRuns_SumsCountsMergesSortedLatenciesAndKeepsEachAsAWindow()
    {
        var first = new LoadResult(3, 3, TimeSpan.FromSeconds(60), [1, 5, 9], new Dictionary<string, int> { ["stored"] = 3 }, []);
        var second = new LoadResult(3, 2, TimeSpan.FromSeconds(60), [2, 40], new Dictionary<string, int> { ["stored"] = 2, ["held-off"] = 1 }, []);

        var both = LoadResult.Combine([(first, TimeSpan.FromMinutes(1)), (second, TimeSpan.FromMinutes(3))]);

        Assert.Equal(6, both.Sent);
        Assert.Equal(5, both.Accepted);
        Assert.Equal(TimeSpan.FromMinutes(2), both.Elapsed);
        Assert.Equal([1.0, 2, 5, 9, 40], both.LatenciesMs);
        Assert.Equal(5, both.Codes["stored"]);
        Assert.Equal(1, both.Codes["held-off"]);
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3)], both.Windows.Select(w => w.End));
        Assert.Equal([9.0, 40], both.Windows.Select(w => w.Max));
    }
}

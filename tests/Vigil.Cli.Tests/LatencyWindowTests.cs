using Vigil.Cli.Bench;

namespace Vigil.Cli.Tests;

/// <summary>The hostile bench's latency per window, which shows whether a slow p99 is spread over the run or grows with it.</summary>
public sealed class LatencyWindowTests
{
    [Fact]
    public void Split_Samples_FallIntoTheWindowOfTheirSendTime()
    {
        (double At, double Ms)[] samples = [(0.5, 2), (59.9, 4), (60.0, 100), (61, 3), (150, 7)];

        var windows = LatencyWindow.Split(samples, TimeSpan.FromMinutes(1));

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3)], windows.Select(w => w.End));
        Assert.Equal([2, 2, 1], windows.Select(w => w.Count));
        Assert.Equal([4.0, 100.0, 7.0], windows.Select(w => w.Max));
    }

    [Fact]
    public void Split_TwoHundredSamples_P99IsTheNinetyNinthPercentileNotTheMaximum()
    {
        var samples = Enumerable.Range(1, 200).Select(i => (At: 1.0, Ms: (double)i));

        var window = Assert.Single(LatencyWindow.Split(samples, TimeSpan.FromSeconds(10)));

        Assert.Equal(198, window.P99);
        Assert.Equal(200, window.Max);
    }

    [Fact]
    public void Split_ZeroLength_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyWindow.Split([(1, 1)], TimeSpan.Zero));
    }
}

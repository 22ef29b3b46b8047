namespace Vigil.Cli.Bench;

/// <summary>The acknowledgement latency of the messages sent in one window of a timed phase.</summary>
/// <param name="End">When the window ends, from the phase's start.</param>
/// <param name="Count">Messages acknowledged among those sent in it.</param>
/// <param name="P99">Their 99th percentile, in milliseconds.</param>
/// <param name="Max">Their maximum, in milliseconds.</param>
internal sealed record LatencyWindow(TimeSpan End, int Count, double P99, double Max)
{
    /// <summary>Splits (seconds since the start, latency in ms) samples into consecutive windows of one length.</summary>
    public static IReadOnlyList<LatencyWindow> Split(IEnumerable<(double At, double Ms)> samples, TimeSpan length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(length, TimeSpan.Zero);
        return [.. samples
            .GroupBy(s => (int)(s.At / length.TotalSeconds))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var sorted = g.Select(s => s.Ms).Order().ToArray();
                var p99 = sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.99 * sorted.Length) - 1)];
                return new LatencyWindow(length * (g.Key + 1), sorted.Length, p99, sorted[^1]);
            })];
    }
}

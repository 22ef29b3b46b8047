namespace Vigil.Cli.Bench;

/// <summary>
/// How the hostile bench interleaves its timed windows: the honest devices alone, then beside the
/// hostile neighbour, in the order alone, hostile, hostile, alone, alone, hostile, ... Both sides
/// then see the same growth of the record and the same background load of a shared machine, and a
/// steady trend in either (the record grows by every honest batch) favours neither side.
/// </summary>
/// <param name="Length">How long each window is.</param>
/// <param name="Count">How many windows: twice the hostile duration's worth, half of them hostile.</param>
internal sealed record AlternatingWindows(TimeSpan Length, int Count)
{
    /// <summary>Windows of a minute for a duration of two minutes or more, else of half the duration; as many alone as hostile.</summary>
    public static AlternatingWindows For(TimeSpan hostileDuration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(hostileDuration, TimeSpan.Zero);
        var length = hostileDuration >= TimeSpan.FromMinutes(2) ? TimeSpan.FromMinutes(1) : hostileDuration / 2;
        var perSide = Math.Max(1, (int)Math.Round(hostileDuration / length));
        return new AlternatingWindows(length, 2 * perSide);
    }

    /// <summary>Whether window <paramref name="index"/> (from 0) runs beside the hostile neighbour.</summary>
    public static bool IsHostile(int index) => (index % 4) is 1 or 2;

    /// <summary>How long the whole alternation runs.</summary>
    public TimeSpan Total => Length * Count;
}

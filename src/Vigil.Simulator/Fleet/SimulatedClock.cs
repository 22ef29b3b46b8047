namespace Vigil.Simulator.Fleet;

/// <summary>
/// Simulated time: starts at a given instant and runs <see cref="Speed"/> times faster than real
/// time, but never ahead of the real clock. A fleet that starts in the past therefore replays its
/// history fast and then goes on live, and its devices' clocks never run ahead of the platform's
/// (which would rightly be taken for clock manipulation, T19).
/// </summary>
public sealed class SimulatedClock : TimeProvider
{
    /// <summary>How far back a fleet's simulated time starts by default.</summary>
    public static readonly TimeSpan DefaultHistory = TimeSpan.FromDays(1);

    private readonly DateTimeOffset _start;
    private readonly long _startTimestamp;
    private readonly TimeProvider _real;

    /// <summary>Starts the clock.</summary>
    public SimulatedClock(DateTimeOffset start, double speed, TimeProvider? real = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(speed, 0.001);
        _real = real ?? System;
        _start = start;
        _startTimestamp = _real.GetTimestamp();
        Speed = speed;
    }

    /// <summary>How many simulated seconds pass per real second until the clock reaches the present.</summary>
    public double Speed { get; }

    /// <summary>A clock that starts <paramref name="history"/> before <paramref name="now"/> and catches up at <paramref name="speed"/>.</summary>
    public static SimulatedClock CatchingUp(DateTimeOffset now, double speed, TimeSpan history, TimeProvider? real = null) =>
        new(now - history, speed, real);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        var simulated = _start + (_real.GetElapsedTime(_startTimestamp) * Speed);
        var now = _real.GetUtcNow();
        return simulated < now ? simulated : now;
    }
}

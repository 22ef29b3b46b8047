namespace Vigil.Simulator.Fleet;

/// <summary>Simulated time: starts at a given instant and runs <see cref="Speed"/> times faster than real time.</summary>
public sealed class SimulatedClock : TimeProvider
{
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

    /// <summary>How many simulated seconds pass per real second.</summary>
    public double Speed { get; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _start + (_real.GetElapsedTime(_startTimestamp) * Speed);
}

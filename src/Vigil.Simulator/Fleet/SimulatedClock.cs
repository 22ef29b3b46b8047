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

    /// <summary>The simulated instant the clock started at.</summary>
    public DateTimeOffset Start => _start;

    /// <summary>How many simulated seconds pass per real second until the clock reaches the present.</summary>
    public double Speed { get; }

    /// <summary>
    /// The time the fleet's devices kept from their last run, their sealers' floor (the device
    /// SDK's <c>notBefore</c>), or null on a first run. It is later than the clock's start only when
    /// the clocks were set back on purpose.
    /// </summary>
    public DateTimeOffset? DeviceFloor { get; init; }

    /// <summary>
    /// A clock that goes on from where the fleet's clock stopped on this data folder (its
    /// <paramref name="mark"/>), or starts <paramref name="history"/> back on a first run; and set
    /// back by <paramref name="setBack"/> when testing a clock that goes back (the devices keep
    /// their floor, as real ones do).
    /// </summary>
    public static SimulatedClock Resuming(FleetClockMark mark, DateTimeOffset now, double speed, TimeSpan history, TimeSpan setBack, TimeProvider? real = null)
    {
        ArgumentNullException.ThrowIfNull(mark);
        ArgumentOutOfRangeException.ThrowIfLessThan(setBack, TimeSpan.Zero);
        var start = mark.StartAt(now, history);
        return new SimulatedClock(start - setBack, speed, real) { DeviceFloor = mark.Stored is null ? null : start };
    }

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

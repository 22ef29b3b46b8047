namespace Vigil.Simulator.Attacks;

/// <summary>
/// A device clock the attack lab sets by hand: a genuine device's history is laid down in the
/// recent past, and a manipulated device's clock can run ahead of the platform's.
/// </summary>
public sealed class LabClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Moves the clock on.</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }

    /// <summary>Sets the clock.</summary>
    public void Set(DateTimeOffset now)
    {
        lock (_gate)
        {
            _now = now;
        }
    }
}

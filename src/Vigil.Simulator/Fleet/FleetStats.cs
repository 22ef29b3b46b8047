using System.Collections.Concurrent;

namespace Vigil.Simulator.Fleet;

/// <summary>Live counts of a fleet run, safe to read while it runs.</summary>
public sealed class FleetStats
{
    private long _sealed;
    private long _stored;
    private long _duplicates;
    private long _readings;

    /// <summary>Batches sealed by devices.</summary>
    public long Sealed => Interlocked.Read(ref _sealed);

    /// <summary>Batches the platform stored.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Batches the platform had already stored (retransmissions).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Readings in stored batches.</summary>
    public long Readings => Interlocked.Read(ref _readings);

    /// <summary>Refusals by code.</summary>
    public ConcurrentDictionary<string, long> Refused { get; } = new();

    /// <summary>Relays connected now.</summary>
    public int RelaysConnected { get; internal set; }

    /// <summary>Relays offline (buffering) now.</summary>
    public int RelaysOffline { get; internal set; }

    /// <summary>Batches waiting in relay buffers now.</summary>
    public long Buffered { get; internal set; }

    /// <summary>The simulated time now.</summary>
    public DateTimeOffset SimulatedNow { get; internal set; }

    internal void CountSealed() => Interlocked.Increment(ref _sealed);

    internal void CountStored(int readings)
    {
        Interlocked.Increment(ref _stored);
        Interlocked.Add(ref _readings, readings);
    }

    internal void CountDuplicate() => Interlocked.Increment(ref _duplicates);

    internal void CountRefused(string code) => Refused.AddOrUpdate(code, 1, (_, n) => n + 1);
}

using System.Collections.Concurrent;

namespace Vigil.Simulator.Fleet;

/// <summary>Live counts of a fleet run, safe to read while it runs.</summary>
public sealed class FleetStats
{
    private long _sealed;
    private long _stored;
    private long _duplicates;
    private long _readings;
    private long _addressChanges;
    private long _transportSwitches;

    /// <summary>Batches sealed by devices.</summary>
    public long Sealed => Interlocked.Read(ref _sealed);

    /// <summary>Batches the platform stored.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Batches the platform had already stored (retransmissions).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Readings in stored batches.</summary>
    public long Readings => Interlocked.Read(ref _readings);

    /// <summary>Times a relay moved to another source address.</summary>
    public long AddressChanges => Interlocked.Read(ref _addressChanges);

    /// <summary>Times a relay switched between MQTT and HTTPS.</summary>
    public long TransportSwitches => Interlocked.Read(ref _transportSwitches);

    /// <summary>The distinct source addresses relays sent from.</summary>
    public ConcurrentDictionary<string, byte> Addresses { get; } = new(StringComparer.Ordinal);

    /// <summary>Batches stored, by the transport that carried them (<c>mqtt</c>, <c>https</c>).</summary>
    public ConcurrentDictionary<string, long> StoredBy { get; } = new(StringComparer.Ordinal);

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

    internal void CountStored(int readings, string transport)
    {
        Interlocked.Increment(ref _stored);
        Interlocked.Add(ref _readings, readings);
        StoredBy.AddOrUpdate(transport, 1, (_, n) => n + 1);
    }

    internal void CountRoam(RelayRoute from, RelayRoute to)
    {
        if (!Equals(from.Address, to.Address))
        {
            Interlocked.Increment(ref _addressChanges);
        }

        if (from.Transport != to.Transport)
        {
            Interlocked.Increment(ref _transportSwitches);
        }
    }

    internal void CountRoute(RelayRoute route)
    {
        if (route.Address is not null)
        {
            Addresses.TryAdd(route.Address.ToString(), 0);
        }
    }

    internal void CountDuplicate() => Interlocked.Increment(ref _duplicates);

    internal void CountRefused(string code) => Refused.AddOrUpdate(code, 1, (_, n) => n + 1);
}

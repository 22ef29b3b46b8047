using System.Collections.Concurrent;
using Vigil.Protocol;

namespace Vigil.Server.Gateway;

/// <summary>
/// Principals held off for sending refused input. Every refusal that only a faulty or hostile
/// sender earns (malformed, tampered, unauthorised, out of scheme: everything but a rate limit, a
/// store outage, and a hold itself) is a strike against the certificate that sent it; a principal
/// with <c>limit</c> strikes within <c>window</c> is held off for <c>holdOff</c>: its batches are
/// refused with <see cref="Outcomes.HeldOff"/> before any cryptography or actor work, and its
/// new MQTT connections are refused at CONNECT. So a stolen or broken credential can make the
/// platform do expensive work for at most <c>limit</c> inputs per window, and every honest
/// device's batches keep the platform's CPU. A principal held off again within an hour of its
/// last hold is held twice as long as the last time, up to <see cref="MaxDoublings"/> doublings.
/// </summary>
internal sealed class HoldOffList(TimeProvider time, int limit, TimeSpan window, TimeSpan holdOff)
{
    /// <summary>How many principals are tracked before entries that no longer matter are swept.</summary>
    public const int SweepAbove = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How many times a repeated hold may double.</summary>
    public const int MaxDoublings = 6;

    /// <summary>How long after a hold ended a new hold counts as a repeat.</summary>
    public static readonly TimeSpan RepeatWithin = TimeSpan.FromHours(1);

    /// <summary>How long a first hold lasts.</summary>
    public TimeSpan HoldOff => holdOff;

    /// <summary>How long the principal's current or last hold lasts or lasted.</summary>
    public TimeSpan LastHold(string principal) =>
        _entries.TryGetValue(principal, out var entry) ? TimeSpan.FromTicks(holdOff.Ticks << entry.Doublings) : holdOff;

    /// <summary>Whether a refusal with this code is a strike (<see cref="Outcome.IsStrike"/>); a code outside the catalogue is one.</summary>
    public static bool Strikes(string code) => Outcomes.Find(code)?.IsStrike ?? true;

    /// <summary>Whether the principal is held off now, and for how much longer.</summary>
    public bool IsHeld(string principal, out TimeSpan remaining)
    {
        remaining = TimeSpan.Zero;
        if (!_entries.TryGetValue(principal, out var entry))
        {
            return false;
        }

        var now = time.GetUtcNow().UtcTicks;
        var until = Volatile.Read(ref entry.HeldUntil);
        if (until <= now)
        {
            return false;
        }

        remaining = TimeSpan.FromTicks(until - now);
        return true;
    }

    /// <summary>True the first time it is asked during a principal's current hold, false after (and when not held).</summary>
    public bool FirstAskDuringHold(string principal)
    {
        if (!_entries.TryGetValue(principal, out var entry))
        {
            return false;
        }

        lock (entry)
        {
            if (entry.HeldUntil <= time.GetUtcNow().UtcTicks || entry.AskedFor == entry.HeldUntil)
            {
                return false;
            }

            entry.AskedFor = entry.HeldUntil;
            return true;
        }
    }

    /// <summary>Counts a strike; true if it starts a hold.</summary>
    public bool Strike(string principal)
    {
        if (limit <= 0)
        {
            return false;
        }

        if (_entries.Count > SweepAbove)
        {
            Sweep();
        }

        var now = time.GetUtcNow().UtcTicks;
        var entry = _entries.GetOrAdd(principal, _ => new Entry());
        lock (entry)
        {
            if (entry.HeldUntil > now)
            {
                return false;
            }

            if (now - entry.WindowStart >= window.Ticks)
            {
                entry.WindowStart = now;
                entry.Count = 0;
            }

            if (++entry.Count < limit)
            {
                return false;
            }

            entry.Count = 0;
            entry.WindowStart = now;
            entry.Doublings = entry.HeldUntil != 0 && now - entry.HeldUntil < RepeatWithin.Ticks ? Math.Min(entry.Doublings + 1, MaxDoublings) : 0;
            Volatile.Write(ref entry.HeldUntil, now + (holdOff.Ticks << entry.Doublings));
            return true;
        }
    }

    private void Sweep()
    {
        var now = time.GetUtcNow().UtcTicks;
        foreach (var (key, entry) in _entries)
        {
            if (Volatile.Read(ref entry.HeldUntil) + RepeatWithin.Ticks <= now && now - entry.WindowStart >= window.Ticks)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private sealed class Entry
    {
        public long WindowStart;
        public int Count;
        public long HeldUntil;
        public int Doublings;
        public long AskedFor;
    }
}

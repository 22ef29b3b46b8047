using System.Buffers.Binary;
using System.Collections.Concurrent;
using Vigil.Domain.Devices;
using Vigil.Protocol.Sessions;

namespace Vigil.Protocol.Opening;

/// <summary>
/// Derived session secrets of recently seen sessions, so that one ECDH serves every batch of a
/// session. Entries are added only after a batch of the session fully opened. When full, the
/// least recently used half is dropped; a dropped session simply costs one ECDH again.
/// </summary>
public sealed class SessionCache
{
    private readonly ConcurrentDictionary<(DeviceId, UInt128), CachedSession> _sessions = new();
    private readonly int _capacity;
    private long _clock;

    /// <summary>Creates a cache of at most <paramref name="capacity"/> sessions.</summary>
    public SessionCache(int capacity = 100_000) => _capacity = capacity;

    /// <summary>Sessions held now.</summary>
    public int Count => _sessions.Count;

    internal CachedSession? Find(DeviceId device, ReadOnlySpan<byte> sessionId)
    {
        if (_sessions.TryGetValue((device, BinaryPrimitives.ReadUInt128BigEndian(sessionId)), out var session))
        {
            session.LastUsed = Interlocked.Increment(ref _clock);
            return session;
        }

        return null;
    }

    internal CachedSession Add(DeviceId device, ReadOnlySpan<byte> sessionId, byte[] ephemeralPoint, SessionSecrets secrets)
    {
        if (_sessions.Count >= _capacity)
        {
            var cutoff = _sessions.Values.Select(s => s.LastUsed).Order().ElementAt(_sessions.Count / 2);
            foreach (var entry in _sessions.Where(e => e.Value.LastUsed <= cutoff))
            {
                _sessions.TryRemove(entry.Key, out _);
            }
        }

        var session = new CachedSession(ephemeralPoint, secrets) { LastUsed = Interlocked.Increment(ref _clock) };
        return _sessions.GetOrAdd((device, BinaryPrimitives.ReadUInt128BigEndian(sessionId)), session);
    }
}

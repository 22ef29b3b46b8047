using Vigil.Protocol.Sessions;

namespace Vigil.Protocol.Opening;

/// <summary>A session the opener has seen: its secrets, its ephemeral key and the span of sequence numbers used.</summary>
internal sealed class CachedSession(byte[] ephemeralPoint, SessionSecrets secrets)
{
    private readonly Lock _gate = new();
    private ulong _lowest = ulong.MaxValue;
    private ulong _highest;

    public byte[] EphemeralPoint { get; } = ephemeralPoint;

    public SessionSecrets Secrets { get; } = secrets;

    public long LastUsed { get; set; }

    /// <summary>Counts a sequence number against the session's budget; false if the span would exceed it.</summary>
    public bool TryUse(ulong sequence, ulong maxBatches)
    {
        lock (_gate)
        {
            var lowest = Math.Min(_lowest, sequence);
            var highest = Math.Max(_highest, sequence);
            if (highest - lowest >= maxBatches)
            {
                return false;
            }

            (_lowest, _highest) = (lowest, highest);
            return true;
        }
    }
}

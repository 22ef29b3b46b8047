namespace Vigil.Protocol.Replay;

/// <summary>What the replay window says of a sequence number.</summary>
public enum ReplayDecision
{
    /// <summary>Higher than any seen: the newest batch.</summary>
    Fresh,

    /// <summary>Older than the newest but inside the window and not seen: a late backfill, accepted once.</summary>
    Backfill,

    /// <summary>Seen before: a replay (or a clone's batch).</summary>
    Duplicate,

    /// <summary>
    /// Below the window, where the window no longer remembers. Not accepted on the window's word;
    /// the caller may accept it only if the record shows that (device, sequence) was never stored.
    /// </summary>
    BelowWindow,
}

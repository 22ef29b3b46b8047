namespace Vigil.Record.Witness;

/// <summary>The kinds of <see cref="MonitorVerdict"/>.</summary>
public enum MonitorVerdictKind
{
    /// <summary>A new checkpoint, consistent with the last one accepted; now stored.</summary>
    Accepted,

    /// <summary>The same checkpoint as the last one accepted.</summary>
    Unchanged,

    /// <summary>The log shrank or forked.</summary>
    Alarm,

    /// <summary>The checkpoint is not validly signed or cosigned, or no proof could be had: nothing was stored.</summary>
    Invalid,
}

namespace Vigil.Server.Witnessing;

/// <summary>The kinds of <see cref="WitnessOutcome"/>.</summary>
internal enum WitnessOutcomeKind
{
    /// <summary>The witness cosigned; the detail is the checkpoint with its cosignatures.</summary>
    Cosigned,

    /// <summary>The witness refused (or the log is behind what it cosigned): evidence of a rollback or a fork.</summary>
    Refused,

    /// <summary>The witness could not be reached or failed; try again later.</summary>
    Unreachable,
}

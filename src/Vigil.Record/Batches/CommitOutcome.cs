namespace Vigil.Record.Batches;

/// <summary>What committing a batch did.</summary>
public enum CommitOutcome
{
    /// <summary>Stored, durably.</summary>
    Stored,

    /// <summary>Already stored: (device, sequence) exists; nothing was written.</summary>
    AlreadyStored,
}

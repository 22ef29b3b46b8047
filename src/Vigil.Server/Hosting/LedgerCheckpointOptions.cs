namespace Vigil.Server.Hosting;

/// <summary>How often the ledger is checkpointed, bound from the <c>Vigil</c> section: <c>Vigil:CheckpointIntervalSeconds</c>.</summary>
internal sealed class LedgerCheckpointOptions
{
    /// <summary>How often a ledger checkpoint is signed while the ledger grows (seconds, held between 1 and 86,400).</summary>
    public int CheckpointIntervalSeconds { get; set; } = 10;
}

namespace Vigil.Record.Ledger;

/// <summary>The record as the auditor sees it: ledger leaves rebuilt from the stored data, and batches the ledger lacks.</summary>
public interface IAuditSource
{
    /// <summary>
    /// Rebuilds the leaf of a batch (<c>device#sequence</c>) from its row and its readings as they
    /// stand now, with their verdicts at ingest; null if the batch is no longer in the record.
    /// </summary>
    byte[]? RebuildBatchLeaf(string subject);

    /// <summary>How many batches the record holds.</summary>
    long BatchCount();

    /// <summary>Batches in the record that have no ledger entry, up to <paramref name="limit"/>.</summary>
    IReadOnlyList<string> UnledgeredBatches(int limit);
}

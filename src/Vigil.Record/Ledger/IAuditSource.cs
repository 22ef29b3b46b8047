namespace Vigil.Record.Ledger;

/// <summary>The record as the auditor sees it: ledger entries with their leaves rebuilt from the stored data, and subjects the ledger lacks.</summary>
public interface IAuditSource
{
    /// <summary>
    /// Every ledger entry from <paramref name="from"/> on, in index order, each with its leaf
    /// rebuilt from what the record holds now (null if what it names is no longer there). Streams:
    /// the record is read once, in order, however large.
    /// </summary>
    IEnumerable<AuditedEntry> Entries(long from = 0);

    /// <summary>How many batches and accesses the record holds (each should have one entry).</summary>
    long SubjectCount();

    /// <summary>Batches and accesses in the record that have no ledger entry, up to <paramref name="limit"/>.</summary>
    IReadOnlyList<string> Unledgered(int limit);
}

namespace Vigil.Record.Ledger;

/// <summary>The record as the auditor reads it: the ledger in order, and everything the ledger should cover, each read once as a stream.</summary>
public interface IAuditSource
{
    /// <summary>
    /// Every ledger entry's index and the hash of its leaf (<see cref="MerkleHash.Leaf(ReadOnlySpan{byte})"/>), in index order: what the tree is
    /// recomputed from; for the entry of a recorded fact, also its subject and whether it records the row's removal (<see cref="FactLeaf.TryRead"/>).
    /// </summary>
    IAsyncEnumerable<(long Index, byte[] LeafHash, string? FactSubject, bool Removed)> LeafHashesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Every batch and access the record holds, each with the ledger index it claims and its leaf
    /// rebuilt from what the record holds now; also readings that belong to no batch. In the
    /// record's own order (sequential scans), however large.
    /// </summary>
    IAsyncEnumerable<RecordedSubject> RecordedAsync(CancellationToken cancellationToken = default);

    /// <summary>One ledger entry, or null (to name a finding).</summary>
    Task<LedgerEntry?> EntryAsync(long index, CancellationToken cancellationToken = default);

    /// <summary>A batch's readings as stored, with their verdicts at ingest, in index order (what its leaf digests).</summary>
    IReadOnlyList<StoredReadingBytes> ReadingsOf(string deviceId, ulong sequence);

    /// <summary>The versions of a reading's verdict after the first, oldest first.</summary>
    IReadOnlyList<int> RevisionsOf(string deviceId, ulong sequence, int index);
}

namespace Vigil.Record.Ledger;

/// <summary>
/// The tamper-evident ledger of the record: an RFC 9162 Merkle tree over every accepted batch
/// (appended by the batch store in the batch's own transaction) and the signed checkpoints
/// issued over it.
/// </summary>
public interface ILedger
{
    /// <summary>The committed size and root of the tree.</summary>
    (long Size, byte[] Root) Head();

    /// <summary>Up to <paramref name="count"/> entries from <paramref name="from"/>, in order.</summary>
    IReadOnlyList<LedgerEntry> Entries(long from, int count);

    /// <summary>The entry of a kind and subject, or null.</summary>
    LedgerEntry? Find(string kind, string subject);

    /// <summary>The leaf hashes of the entries in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    IReadOnlyList<byte[]> LeafHashes(long from, long to);

    /// <summary>The stored hashes of the first <paramref name="count"/> blocks of <see cref="LedgerBlocks.Size"/> entries, null where none is stored.</summary>
    IReadOnlyList<byte[]?> BlockHashes(long count);

    /// <summary>Stores a signed checkpoint (once per size).</summary>
    void AddCheckpoint(StoredCheckpoint checkpoint);

    /// <summary>Every stored checkpoint, smallest first.</summary>
    IReadOnlyList<StoredCheckpoint> Checkpoints();
}

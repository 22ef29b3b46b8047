namespace Vigil.Record.Ledger;

/// <summary>
/// What a third party needs to check that an entry is in the ledger: the leaf, its place, the
/// RFC 9162 inclusion path, and the signed checkpoint it leads to (docs/record.md).
/// </summary>
/// <param name="Subject">What the entry is about (<c>device#sequence</c>).</param>
/// <param name="LeafIndex">The entry's index.</param>
/// <param name="TreeSize">The size of the checkpointed tree.</param>
/// <param name="Leaf">The leaf bytes, base64.</param>
/// <param name="InclusionPath">The sibling hashes from the leaf up, base64.</param>
/// <param name="Checkpoint">The signed checkpoint (a C2SP signed note).</param>
/// <param name="Reading">For the proof of one reading of a batch: the batch's readings as stored and the reading's later verdicts; otherwise null.</param>
public sealed record InclusionProofDocument(
    string Subject, long LeafIndex, long TreeSize, string Leaf, IReadOnlyList<string> InclusionPath, string Checkpoint, ReadingEvidence? Reading = null);

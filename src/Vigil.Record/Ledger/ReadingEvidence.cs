namespace Vigil.Record.Ledger;

/// <summary>
/// What a third party needs, beyond the batch's inclusion proof, to check that one reading is in
/// the ledger: every reading of the batch as stored (clear fields and sealed bytes, in index
/// order), from which the batch leaf's <c>readings-sha256</c> is recomputed; and an inclusion
/// proof of each later verdict of the reading that a checkpoint covers. The sealed bytes open
/// only with the record's keys: the proof shows that the reading was recorded, and with which
/// verdicts, without disclosing its value.
/// </summary>
/// <param name="Index">The reading proved.</param>
/// <param name="Readings">The batch's readings as stored, in index order.</param>
/// <param name="Revisions">Inclusion proofs of the reading's later verdicts, oldest first.</param>
public sealed record ReadingEvidence(int Index, IReadOnlyList<StoredReadingBytes> Readings, IReadOnlyList<InclusionProofDocument> Revisions);

/// <summary>A reading as stored, as its batch's leaf digests it.</summary>
/// <param name="Index">Its place in the batch.</param>
/// <param name="Kind">What it measures (the number of <c>MeasurementKind</c>).</param>
/// <param name="At">When it was measured, Unix milliseconds.</param>
/// <param name="SealedValues">Its sealed values, base64.</param>
/// <param name="Status">Its verdict's status at ingest (the number of <c>VerdictStatus</c>).</param>
/// <param name="SealedVerdict">Its sealed verdict at ingest, base64.</param>
public sealed record StoredReadingBytes(int Index, int Kind, long At, string SealedValues, int Status, string SealedVerdict);

/// <summary>What checking the proof of a reading found.</summary>
/// <param name="Problem">What does not hold; null if the proof verifies.</param>
/// <param name="Reading">The reading as the ledger recorded it, if the proof verifies.</param>
/// <param name="Revisions">Its later verdicts as the ledger recorded them, oldest first.</param>
public sealed record ReadingCheck(string? Problem, StoredReadingBytes? Reading, IReadOnlyList<VerdictRevision> Revisions)
{
    /// <summary>Whether the proof verifies.</summary>
    public bool Verified => Problem is null;

    /// <summary>A check that failed.</summary>
    public static ReadingCheck Failed(string problem) => new(problem, null, []);
}

/// <summary>A later verdict of a reading, as its ledger entry recorded it.</summary>
/// <param name="LeafIndex">Its entry.</param>
/// <param name="Version">The verdict's version (2 for the first revision).</param>
/// <param name="Status">Its status (the number of <c>VerdictStatus</c>).</param>
/// <param name="Cause">Why it was revised.</param>
/// <param name="DecidedAt">When, Unix milliseconds.</param>
public sealed record VerdictRevision(long LeafIndex, int Version, int Status, string Cause, long DecidedAt);

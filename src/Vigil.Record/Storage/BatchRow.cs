using Vigil.Record.Batches;

namespace Vigil.Record.Storage;

/// <summary>
/// A batch as it will be stored, prepared before it reaches the single writer: its signed batch
/// and readings sealed, and its ledger leaf built, so the writer only writes.
/// </summary>
/// <param name="Batch">The accepted batch.</param>
/// <param name="SealedBatch">Its device-signed batch, sealed.</param>
/// <param name="Readings">Its readings with their sealed fields.</param>
/// <param name="Leaf">Its ledger leaf, or null when the record keeps no ledger (benchmarks only).</param>
internal sealed record BatchRow(AcceptedBatch Batch, byte[] SealedBatch, IReadOnlyList<ReadingRow> Readings, byte[]? Leaf);

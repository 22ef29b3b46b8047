namespace Vigil.Record.Ledger;

/// <summary>One entry of the ledger.</summary>
/// <param name="Index">Its place in the tree, from 0.</param>
/// <param name="Kind">What it records (<see cref="LedgerLeaf.BatchKind"/>).</param>
/// <param name="Subject">What it is about (<c>device#sequence</c> for a batch).</param>
/// <param name="Leaf">The leaf bytes the tree hashes.</param>
public sealed record LedgerEntry(long Index, string Kind, string Subject, byte[] Leaf);

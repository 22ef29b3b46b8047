namespace Vigil.Record.Ledger;

/// <summary>A signed checkpoint as the record keeps it.</summary>
/// <param name="Size">The tree size it commits to.</param>
/// <param name="Note">The C2SP signed note.</param>
/// <param name="SignedAt">When it was signed.</param>
public sealed record StoredCheckpoint(long Size, string Note, DateTimeOffset SignedAt);

namespace Vigil.Record.Ledger;

/// <summary>A ledger entry beside the leaf the record gives for it now.</summary>
/// <param name="Entry">The entry as the ledger holds it.</param>
/// <param name="Rebuilt">The leaf rebuilt from the record, or null if what it names is gone.</param>
public sealed record AuditedEntry(LedgerEntry Entry, byte[]? Rebuilt);

namespace Vigil.Record.Ledger;

/// <summary>Something the record holds that must have exactly one ledger entry: a batch or an access, with its leaf as the record gives it now.</summary>
/// <param name="Subject">What it is (<c>device#sequence</c>, <c>access#id</c>, or a reading that belongs to no batch).</param>
/// <param name="LedgerIndex">The entry it says is its own, or null if it names none.</param>
/// <param name="Leaf">Its leaf rebuilt from the record, or null for what can have no entry (a reading without a batch).</param>
public sealed record RecordedSubject(string Subject, long? LedgerIndex, byte[]? Leaf);

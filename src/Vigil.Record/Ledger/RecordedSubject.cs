namespace Vigil.Record.Ledger;

/// <summary>Something the record holds that must have exactly one ledger entry: a batch, an access or a verdict revision, with its leaf as the record gives it now.</summary>
/// <param name="Subject">What it is (<c>device#sequence</c>, <c>access#id</c>, <c>device#sequence#index@version</c>, or a reading that belongs to no batch).</param>
/// <param name="LedgerIndex">The entry it says is its own, or null if it names none.</param>
/// <param name="Leaf">Its leaf rebuilt from the record, or null for what can have no entry (a reading without a batch).</param>
/// <param name="Batch">For a reading without a batch, the batch subject it names; otherwise null.</param>
/// <param name="IsFact">Whether it is a recorded fact (<see cref="FactKinds"/>), whose earlier entries its newest one supersedes.</param>
public sealed record RecordedSubject(string Subject, long? LedgerIndex, byte[]? Leaf, string? Batch = null, bool IsFact = false);

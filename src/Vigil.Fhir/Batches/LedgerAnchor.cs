using Vigil.Record.Ledger;

namespace Vigil.Fhir.Batches;

/// <summary>Where a batch sits in Vigil's ledger: its entry, and the signed checkpoint whose tree includes it.</summary>
/// <param name="EntryIndex">The entry's place in the tree, from 0.</param>
/// <param name="EntrySubject">The entry's subject, <c>device#sequence</c> (<see cref="LedgerLeaf.BatchSubject"/>).</param>
/// <param name="Checkpoint">The first signed checkpoint whose tree size exceeds <paramref name="EntryIndex"/>; null while none does yet.</param>
public sealed record LedgerAnchor(long EntryIndex, string EntrySubject, StoredCheckpoint? Checkpoint)
{
    /// <summary>The anchor of a ledger entry.</summary>
    public static LedgerAnchor Of(LedgerEntry entry, StoredCheckpoint? checkpoint)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new LedgerAnchor(entry.Index, entry.Subject, checkpoint);
    }
}

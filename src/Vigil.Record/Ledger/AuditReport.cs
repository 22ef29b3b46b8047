namespace Vigil.Record.Ledger;

/// <summary>What <c>vigil audit verify</c> checked and found.</summary>
/// <param name="Entries">Ledger entries checked.</param>
/// <param name="Checkpoints">Signed checkpoints whose signature and root were checked.</param>
/// <param name="Root">The root recomputed over every entry.</param>
/// <param name="Findings">What is wrong; empty when the record is intact.</param>
public sealed record AuditReport(long Entries, int Checkpoints, byte[] Root, IReadOnlyList<AuditFinding> Findings)
{
    /// <summary>Whether nothing was found wrong.</summary>
    public bool Intact => Findings.Count == 0;
}

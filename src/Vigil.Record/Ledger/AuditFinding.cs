namespace Vigil.Record.Ledger;

/// <summary>One thing <c>vigil audit verify</c> found wrong.</summary>
/// <param name="Index">The ledger entry concerned, if one.</param>
/// <param name="Subject">What it is about (a batch, a checkpoint).</param>
/// <param name="What">What is wrong, for a person.</param>
public sealed record AuditFinding(long? Index, string Subject, string What);

namespace Vigil.Domain.Verification;

/// <summary>The verdicts of one batch's readings.</summary>
/// <param name="Verdicts">One per reading, in the batch's order.</param>
/// <param name="ClockSkew">How far ahead of the platform (negative: behind) the batch's clock was.</param>
/// <param name="ClockReasons">The clock reasons of the whole batch, empty when its clock was fine.</param>
public sealed record BatchVerification(IReadOnlyList<Verdict> Verdicts, TimeSpan ClockSkew, IReadOnlyList<string> ClockReasons);

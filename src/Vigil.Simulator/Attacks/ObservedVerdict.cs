using Vigil.Domain.Verification;

namespace Vigil.Simulator.Attacks;

/// <summary>A stored reading as the lab sees it: when it was measured, its values, and its current verdict.</summary>
/// <param name="At">When it was measured.</param>
/// <param name="Value">Its first value.</param>
/// <param name="Status">Its verdict.</param>
/// <param name="Reasons">The verdict's reasons.</param>
public sealed record ObservedVerdict(DateTimeOffset At, double Value, VerdictStatus Status, IReadOnlyList<string> Reasons);

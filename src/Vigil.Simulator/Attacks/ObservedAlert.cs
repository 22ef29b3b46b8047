using Vigil.Domain.Verification;

namespace Vigil.Simulator.Attacks;

/// <summary>An alert on a patient as the lab sees it.</summary>
/// <param name="Rule">The rule that raised it.</param>
/// <param name="Integrity">The worst verdict among the readings it rests on.</param>
/// <param name="Unconfirmed">Whether it rests on unverified data that no clinician has confirmed (so it cannot be escalated).</param>
/// <param name="Reasons">Why its data is not trusted.</param>
public sealed record ObservedAlert(string Rule, VerdictStatus Integrity, bool Unconfirmed, IReadOnlyList<string> Reasons);

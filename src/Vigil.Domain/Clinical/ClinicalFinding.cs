namespace Vigil.Domain.Clinical;

/// <summary>A reading that crosses one of a patient's thresholds.</summary>
/// <param name="Rule">The rule code (<see cref="AlertRules"/>).</param>
/// <param name="Value">The value that crossed it, in the rule's unit.</param>
/// <param name="Detail">What crossed what, for a person.</param>
public sealed record ClinicalFinding(string Rule, double Value, string Detail);

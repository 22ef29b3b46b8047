namespace Vigil.Simulator.Attacks;

/// <summary>How one scenario turned out.</summary>
/// <param name="ScenarioId">The scenario, e.g. <c>T06-flatline</c>.</param>
/// <param name="Title">What the attack was.</param>
/// <param name="Detected">Whether Vigil showed it within the bound.</param>
/// <param name="TimeToDetect">From the first hostile message to the evidence being in the record.</param>
/// <param name="Evidence">What Vigil recorded, or what it failed to.</param>
public sealed record AttackOutcome(string ScenarioId, string Title, bool Detected, TimeSpan? TimeToDetect, string Evidence)
{
    /// <summary>The threat of the catalogue it plays, e.g. <c>T06</c>.</summary>
    public string Threat => ScenarioId.Split('-')[0];
}

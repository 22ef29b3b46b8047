namespace Vigil.Cli.Showcase;

/// <summary>One step of the showcase: what was tried, what Vigil must do, and what it did.</summary>
/// <param name="Scenario">What was tried.</param>
/// <param name="Threat">The THREATS.md id it exercises, or "-".</param>
/// <param name="Device">The device involved.</param>
/// <param name="Expected">The outcome code Vigil must produce.</param>
/// <param name="Outcome">The outcome code Vigil produced.</param>
/// <param name="Detail">A short detail.</param>
internal sealed record ShowcaseRow(string Scenario, string Threat, string Device, string Expected, string Outcome, string Detail)
{
    /// <summary>Whether Vigil did what it must.</summary>
    public bool AsExpected => Expected == Outcome;
}

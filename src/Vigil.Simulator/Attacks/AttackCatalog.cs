using Vigil.Simulator.Attacks.Scenarios;

namespace Vigil.Simulator.Attacks;

/// <summary>Every scripted attack of the lab, in threat order.</summary>
public static class AttackCatalog
{
    /// <summary>The scenarios.</summary>
    public static IReadOnlyList<AttackScenario> All { get; } =
    [
        new ReplayToHideHypoScenario(),
        new ResealScenario(),
        new CloneScenario(),
        new CloneBehindRelayScenario(),
        new CloneRunningAheadScenario(),
        new StaleRepeatScenario(),
        new FlatlineScenario(),
        new ImpossibleDesaturationScenario(),
        new LotDriftScenario(),
        new ClockSkewScenario(),
        new ClockBackScenario(),
        new RevokedDeviceScenario(),
    ];

    /// <summary>
    /// The scenarios a name selects: an exact id (<c>T06-flatline</c>; <c>T19-clock</c> is one
    /// scenario, not also <c>T19-clock-back</c>), else a threat (<c>T06</c>) for all of its
    /// scenarios; case does not matter.
    /// </summary>
    public static IReadOnlyList<AttackScenario> Select(string name) =>
        All.Where(s => string.Equals(s.Id, name, StringComparison.OrdinalIgnoreCase)).ToList() is { Count: > 0 } exact
            ? exact
            : [.. All.Where(s => s.Id.StartsWith(name + "-", StringComparison.OrdinalIgnoreCase))];
}

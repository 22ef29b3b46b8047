namespace Vigil.Cli.Bench;

/// <summary>CPU taken during a phase, in cores.</summary>
/// <param name="Server">By the server.</param>
/// <param name="Neighbour">By the hostile neighbour, when one ran.</param>
/// <param name="Machine">By every process on the machine.</param>
internal sealed record PhaseCpuShare(double Server, double? Neighbour, double Machine)
{
    /// <summary>The mean of phases of equal length; null if there are none.</summary>
    public static PhaseCpuShare? Mean(IReadOnlyList<PhaseCpuShare> phases) =>
        phases.Count == 0
            ? null
            : new PhaseCpuShare(
                phases.Average(p => p.Server),
                phases.All(p => p.Neighbour is null) ? null : phases.Average(p => p.Neighbour ?? 0),
                phases.Average(p => p.Machine));
}

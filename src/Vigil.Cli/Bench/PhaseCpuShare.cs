namespace Vigil.Cli.Bench;

/// <summary>CPU taken during a phase, in cores.</summary>
/// <param name="Server">By the server.</param>
/// <param name="Neighbour">By the hostile neighbour, when one ran.</param>
/// <param name="Machine">By every process on the machine.</param>
internal sealed record PhaseCpuShare(double Server, double? Neighbour, double Machine);

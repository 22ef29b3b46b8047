namespace Vigil.Cli.Bench;

/// <summary>The shape of a hostile-neighbour run.</summary>
/// <param name="Hostile">Hostile connections.</param>
/// <param name="Devices">Honest devices.</param>
/// <param name="Inflight">Unacknowledged publishes per honest connection.</param>
/// <param name="Duration">How long the hostile connections run, the honest devices measured throughout.</param>
internal sealed record HostileBenchOptions(int Hostile, int Devices, int Inflight, TimeSpan Duration);

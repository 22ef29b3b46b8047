namespace Vigil.Record.Witness;

/// <summary>What a <see cref="LogMonitor"/> made of a checkpoint.</summary>
/// <param name="Kind">Accepted, unchanged, alarm or invalid.</param>
/// <param name="Message">What it saw.</param>
public sealed record MonitorVerdict(MonitorVerdictKind Kind, string Message);

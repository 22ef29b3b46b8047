namespace Vigil.Cli.Bench;

/// <summary>A reference run of Vigil with one thing switched off: its load result and the server's CPU time.</summary>
/// <param name="Load">What the load generator measured.</param>
/// <param name="Cpu">The server's CPU time (user + system) in the peak phase.</param>
internal sealed record ReferenceRun(LoadResult Load, TimeSpan Cpu)
{
    /// <summary>Server CPU per accepted batch, in microseconds.</summary>
    public double CpuPerBatchUs => Load.Accepted > 0 ? Cpu.TotalMicroseconds / Load.Accepted : double.NaN;
}

/// <summary>One round of the references: the full Vigil and, each on its own copy, Vigil without one thing.</summary>
/// <param name="Full">Vigil as it runs.</param>
/// <param name="Unprotected">Without encryption at rest and the ledger, if measured.</param>
/// <param name="Unverified">Without verification, if measured.</param>
internal sealed record ReferenceRound(ReferenceRun Full, ReferenceRun? Unprotected, ReferenceRun? Unverified);

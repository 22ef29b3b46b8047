namespace Vigil.Cli.Bench;

/// <summary>A reference run of Vigil with one thing switched off: its load result and the server's CPU time.</summary>
/// <param name="Load">What the load generator measured.</param>
/// <param name="Cpu">The server's CPU time (user + system) in the peak phase.</param>
internal sealed record ReferenceRun(LoadResult Load, TimeSpan Cpu)
{
    /// <summary>Server CPU per accepted batch, in microseconds.</summary>
    public double CpuPerBatchUs => Load.Accepted > 0 ? Cpu.TotalMicroseconds / Load.Accepted : double.NaN;
}

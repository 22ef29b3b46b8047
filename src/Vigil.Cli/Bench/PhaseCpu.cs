using System.Diagnostics;

namespace Vigil.Cli.Bench;

/// <summary>The CPU taken during one timed phase by the server, the hostile neighbour and the machine as a whole.</summary>
internal sealed class PhaseCpu
{
    private readonly int _server;
    private readonly int? _neighbour;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _serverAtStart;
    private readonly TimeSpan _neighbourAtStart;
    private readonly TimeSpan _machineAtStart;

    private PhaseCpu(int server, int? neighbour)
    {
        _server = server;
        _neighbour = neighbour;
        _serverAtStart = ProcessStats.CpuTime(server);
        _neighbourAtStart = neighbour is { } n ? ProcessStats.CpuTime(n) : TimeSpan.Zero;
        _machineAtStart = ProcessStats.Machine().Busy;
    }

    /// <summary>Starts counting.</summary>
    public static PhaseCpu Start(int server, int? neighbour) => new(server, neighbour);

    /// <summary>The shares since the start, in cores (CPU seconds per second of wall time).</summary>
    public PhaseCpuShare Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        double Share(TimeSpan now, TimeSpan then) => (now - then).TotalSeconds / wall;
        return new PhaseCpuShare(
            Share(ProcessStats.CpuTime(_server), _serverAtStart),
            _neighbour is { } n ? Share(ProcessStats.CpuTime(n), _neighbourAtStart) : null,
            Share(ProcessStats.Machine().Busy, _machineAtStart));
    }
}

using System.Globalization;

namespace Vigil.Cli.Bench;

/// <summary>CPU time and memory of a process, read from Linux's /proc.</summary>
internal static class ProcessStats
{
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU time consumed so far.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var (user, system) = CpuSplit(pid);
        return user + system;
    }

    /// <summary>User and system CPU time consumed so far.</summary>
    public static (TimeSpan User, TimeSpan System) CpuSplit(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (TimeSpan.FromSeconds(long.Parse(fields[11], CultureInfo.InvariantCulture) / TicksPerSecond),
            TimeSpan.FromSeconds(long.Parse(fields[12], CultureInfo.InvariantCulture) / TicksPerSecond));
    }

    /// <summary>Resident set size now (VmRSS) and at its peak (VmHWM), in bytes.</summary>
    public static (long Now, long Peak) Memory(int pid)
    {
        long now = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                now = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
        }

        return (now, peak);
    }

    /// <summary>The machine's CPU time so far, busy and in all, summed over its cores (from /proc/stat).</summary>
    public static (TimeSpan Busy, TimeSpan Total) Machine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4];
        return (TimeSpan.FromSeconds((total - idle) / TicksPerSecond), TimeSpan.FromSeconds(total / TicksPerSecond));
    }

    private static long Kilobytes(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

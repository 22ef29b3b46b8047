using System.Globalization;
using Spectre.Console;

namespace Vigil.Cli.Bench;

/// <summary>The figures of a hostile-neighbour run.</summary>
internal sealed class HostileBenchReport
{
    public required HostileBenchOptions Options { get; init; }

    public LoadResult? Peak { get; set; }

    /// <summary>The honest devices in the windows alone, as one run; each window one of its <see cref="LoadResult.Windows"/>.</summary>
    public LoadResult? Quiet { get; set; }

    /// <summary>The honest devices in the windows beside the hostile neighbour, as one run.</summary>
    public LoadResult? Hostile { get; set; }

    public PhaseCpuShare? QuietCpu { get; set; }

    public PhaseCpuShare? HostileCpu { get; set; }

    public int QuietStalls { get; set; }

    public int HostileStalls { get; set; }

    public List<string> StallLines { get; } = [];

    public List<(TimeSpan At, long Rss)> Rss { get; } = [];

    public long HostileConnections { get; set; }

    public long HostileBytes { get; set; }

    public Dictionary<HostileKind, long> HostileSent { get; } = [];

    public bool ServerUp { get; set; }

    /// <summary>The p99 beside the hostile neighbour over the p99 alone, each over all its windows.</summary>
    public double P99Ratio => Hostile is { } h && Quiet is { } q ? h.Percentile(0.99) / q.Percentile(0.99) : double.NaN;

    /// <summary>Adds one hostile window's totals.</summary>
    public void Add(HostileTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        HostileConnections += totals.Connections;
        HostileBytes += totals.Bytes;
        foreach (var (kind, sent) in totals.Sent)
        {
            HostileSent[kind] = HostileSent.GetValueOrDefault(kind) + sent;
        }
    }

    /// <summary>Growth of the RSS from the first sample of the run's second half to the last.</summary>
    public double RssGrowth
    {
        get
        {
            if (Rss.Count < 2)
            {
                return double.NaN;
            }

            var settled = Rss[Rss.Count / 2].Rss;
            return (double)Rss[^1].Rss / settled - 1;
        }
    }

    public void Print(IAnsiConsole console)
    {
        var table = new Table().Title($"vigil bench ingest --hostile {Options.Hostile}: {Options.Devices} honest devices at half the peak rate, MQTT 5/TLS, QoS 1")
            .AddColumns("measure", "honest alone (reference)", $"beside {Options.Hostile} hostile connections", "ratio");
        table.AddRow("peak rate, honest alone (batches / s)", $"{Peak?.Rate:F0}", "-", "-");
        table.AddRow("paced at (batches / s)", $"{Peak?.Rate / 2:F0}", $"{Peak?.Rate / 2:F0}", "-");
        table.AddRow("accepted / s", $"{Quiet?.Rate:F0}", $"{Hostile?.Rate:F0}", Ratio(Hostile?.Rate, Quiet?.Rate));
        table.AddRow("accepted / sent", $"{Quiet?.Accepted} / {Quiet?.Sent}", $"{Hostile?.Accepted} / {Hostile?.Sent}", "-");
        table.AddRow("ack latency p50 (ms)", Ms(Quiet?.Percentile(0.5)), Ms(Hostile?.Percentile(0.5)), Ratio(Hostile?.Percentile(0.5), Quiet?.Percentile(0.5)));
        table.AddRow("ack latency p99 (ms)", Ms(Quiet?.Percentile(0.99)), Ms(Hostile?.Percentile(0.99)), Ratio(Hostile?.Percentile(0.99), Quiet?.Percentile(0.99)));
        table.AddRow("ack latency max (ms)", Ms(Quiet?.Max), Ms(Hostile?.Max), "-");
        foreach (var (window, beside) in (Quiet?.Windows ?? []).Select(w => (w, false)).Concat((Hostile?.Windows ?? []).Select(w => (w, true))).OrderBy(x => x.Item1.End))
        {
            var cell = $"{Ms(window.P99)} / {Ms(window.Max)} ({window.Count:N0})";
            table.AddRow($"  p99 / max (ms) of the window ending at {window.End:mm\\:ss}", beside ? "-" : cell, beside ? cell : "-", "-");
        }

        table.AddRow("server CPU (cores)", Cores(QuietCpu?.Server), Cores(HostileCpu?.Server), "-");
        table.AddRow("hostile neighbour CPU (cores)", "-", Cores(HostileCpu?.Neighbour), "-");
        table.AddRow("machine busy (cores, of all processes)", Cores(QuietCpu?.Machine), Cores(HostileCpu?.Machine), "-");
        table.AddRow("outcomes", Codes(Quiet), Codes(Hostile), "-");
        table.AddRow("thread-pool stall warnings in the server's log", $"{QuietStalls}", $"{HostileStalls}", "-");
        table.AddRow("hostile connections opened; bytes sent", "-", $"{HostileConnections:N0}; {HostileBytes / 1048576.0:F1} MiB", "-");
        foreach (var (kind, sent) in HostileSent)
        {
            table.AddRow($"  {kind}", "-", $"{sent:N0}", "-");
        }

        foreach (var (at, rss) in Rss)
        {
            table.AddRow($"server RSS at {at:mm\\:ss} (MiB)", "-", $"{rss / 1048576.0:F0}", "-");
        }

        console.Write(table);
        foreach (var line in StallLines.Take(5))
        {
            console.MarkupLineInterpolated($"[yellow]server:[/] {line}");
        }

        var targets = new Table().Title("targets").AddColumns("target", "measured", "met");
        targets.AddRow("honest p99 beside hostile <= 2x the honest p99 alone (alternate windows)", $"{P99Ratio:F2}x", Met(P99Ratio <= 2));
        targets.AddRow("no thread-pool stall warning", $"{HostileStalls + QuietStalls}", Met(HostileStalls + QuietStalls == 0));
        targets.AddRow("every honest batch stored", $"{Hostile?.Accepted} / {Hostile?.Sent}", Met(Hostile is { } h && h.Accepted == h.Sent && Quiet is { } q && q.Accepted == q.Sent));
        targets.AddRow("RSS bounded (growth over the run's second half <= 10 %)", $"{RssGrowth:P0}", Met(RssGrowth <= 0.10));
        targets.AddRow("server up after the run", ServerUp ? "yes" : "no", Met(ServerUp));
        console.Write(targets);
    }

    private static string Codes(LoadResult? result) =>
        result is null ? "-" : string.Join(", ", result.Codes.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value:N0}"));

    private static string Cores(double? value) => value is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "-";

    private static string Ms(double? value) => value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "-";

    private static string Ratio(double? value, double? reference) => value is { } v && reference is { } r && r > 0 ? $"{v / r:F2}x" : "-";

    private static string Met(bool met) => met ? "[green]yes[/]" : "[red]no[/]";
}

using System.Globalization;
using Spectre.Console;

namespace Vigil.Cli.Bench;

/// <summary>The figures of a hostile-neighbour run.</summary>
internal sealed class HostileBenchReport
{
    public required HostileBenchOptions Options { get; init; }

    public LoadResult? Peak { get; set; }

    public LoadResult? Quiet { get; set; }

    /// <summary>The honest devices alone again, after the hostile connections stopped.</summary>
    public LoadResult? QuietAfter { get; set; }

    public LoadResult? Hostile { get; set; }

    public PhaseCpuShare? QuietCpu { get; set; }

    public PhaseCpuShare? HostileCpu { get; set; }

    public int QuietStalls { get; set; }

    public int HostileStalls { get; set; }

    public List<string> StallLines { get; } = [];

    public List<(TimeSpan At, long Rss)> Rss { get; } = [];

    public long HostileConnections { get; set; }

    public long HostileBytes { get; set; }

    public IReadOnlyDictionary<HostileKind, long> HostileSent { get; set; } = new Dictionary<HostileKind, long>();

    public bool ServerUp { get; set; }

    /// <summary>
    /// The reference p99: the lower of the two runs alone, before and after the hostile one, so that
    /// a reference minute disturbed by something else on the machine cannot flatter the ratio.
    /// </summary>
    public double QuietP99 => new[] { Quiet, QuietAfter }.OfType<LoadResult>().Select(q => q.Percentile(0.99)).DefaultIfEmpty(double.NaN).Min();

    public double P99Ratio => Hostile is { } h ? h.Percentile(0.99) / QuietP99 : double.NaN;

    /// <summary>Growth of the RSS from the first sample of the hostile run's second half to the last.</summary>
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
        table.AddRow("alone again afterwards: p50 / p99 (ms); accepted / sent", $"{Ms(QuietAfter?.Percentile(0.5))} / {Ms(QuietAfter?.Percentile(0.99))}; {QuietAfter?.Accepted} / {QuietAfter?.Sent}", "-", "-");
        foreach (var window in Hostile?.Windows ?? [])
        {
            table.AddRow($"  p99 / max (ms), messages sent up to {window.End:mm\\:ss}", "-", $"{Ms(window.P99)} / {Ms(window.Max)} ({window.Count:N0})", "-");
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
        targets.AddRow("honest p99 beside hostile <= 2x the lower honest p99 alone (before, after)", $"{P99Ratio:F2}x", Met(P99Ratio <= 2));
        targets.AddRow("no thread-pool stall warning", $"{HostileStalls + QuietStalls}", Met(HostileStalls + QuietStalls == 0));
        targets.AddRow("every honest batch stored", $"{Hostile?.Accepted} / {Hostile?.Sent}", Met(Hostile is { } h && h.Accepted == h.Sent && Quiet is { } q && q.Accepted == q.Sent && QuietAfter is { } a && a.Accepted == a.Sent));
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

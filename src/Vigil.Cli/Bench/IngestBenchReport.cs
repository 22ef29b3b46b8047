using Spectre.Console;

namespace Vigil.Cli.Bench;

/// <summary>The figures of one ingest benchmark run and the targets they are judged by.</summary>
internal sealed class IngestBenchReport
{
    public int Devices { get; init; }

    public int Inflight { get; init; }

    public int BatchBytes { get; set; }

    public TimeSpan CryptoFloor { get; set; }

    public LoadResult? Vigil { get; set; }

    public TimeSpan VigilCpu { get; set; }

    public TimeSpan VigilSystemCpu { get; set; }

    public long VigilPeakRss { get; set; }

    public LoadResult? VigilHalfRate { get; set; }

    public long StoredInRecord { get; set; }

    public int IdleConnections { get; set; }

    public long IdleRssBefore { get; set; }

    public long IdleRss { get; set; }

    public List<ReferenceRound> Rounds { get; } = [];

    public LoadResult? Mosquitto { get; set; }

    public TimeSpan MosquittoCpu { get; set; }

    public long MosquittoDelivered { get; set; }

    public long MosquittoPeakRss { get; set; }

    public double VigilCpuPerBatchUs => Vigil is { Accepted: > 0 } v ? VigilCpu.TotalMicroseconds / v.Accepted : double.NaN;

    /// <summary>The share of throughput verification costs over the rounds: 1 - rate with it / rate without it.</summary>
    public double VerificationCost => Cost(r => r.Unverified);

    /// <summary>The share of throughput encryption at rest and the ledger cost over the rounds.</summary>
    public double ProtectionCost => Cost(r => r.Unprotected);

    private bool VerificationMeasured => Rounds.Any(r => r.Unverified is not null);

    private bool ProtectionMeasured => Rounds.Any(r => r.Unprotected is not null);

    public double Efficiency => CryptoFloor.TotalMicroseconds / VigilCpuPerBatchUs;

    public void Print(IAnsiConsole console)
    {
        var table = new Table().Title($"vigil bench ingest: {Devices} devices over MQTT 5/TLS, QoS 1, {Inflight} in flight each, {BatchBytes} B CGM batches")
            .AddColumns("measure", "Vigil", "mosquitto (reference)", "ratio");
        table.AddRow("accepted / s (readings / s)", $"{Vigil?.Rate:F0} ({Vigil?.Rate * 2:F0})", Mosquitto is null ? "-" : $"{Mosquitto.Rate:F0}", Ratio(Vigil?.Rate, Mosquitto?.Rate));
        table.AddRow("accepted / sent", $"{Vigil?.Accepted} / {Vigil?.Sent}", Mosquitto is null ? "-" : $"{Mosquitto.Accepted} / {Mosquitto.Sent}, {MosquittoDelivered} delivered", "-");
        table.AddRow("ack latency p50 / p99 / max (ms), peak", Latency(Vigil), Latency(Mosquitto), "-");
        table.AddRow("ack latency p50 / p99 / max (ms), half peak", Latency(VigilHalfRate), "-", "-");
        table.AddRow("server CPU per batch (us; of it in the kernel)", $"{VigilCpuPerBatchUs:F1} ({VigilSystemCpu.TotalMicroseconds / Math.Max(1, Vigil?.Accepted ?? 1):F1})", Mosquitto is { Accepted: > 0 } m ? $"{MosquittoCpu.TotalMicroseconds / m.Accepted:F1}" : "-", "-");
        for (var i = 0; i < Rounds.Count; i++)
        {
            var (full, unprotected, unverified) = (Rounds[i].Full, Rounds[i].Unprotected, Rounds[i].Unverified);
            foreach (var (what, without) in new[] { ("encryption at rest and ledger", unprotected), ("verification", unverified) })
            {
                if (without is not null)
                {
                    table.AddRow(
                        $"round {i + 1}, with / without {what}: accepted / s; CPU per batch (us)",
                        $"{full.Load.Rate:F0} / {without.Load.Rate:F0}; {full.CpuPerBatchUs:F1} / {without.CpuPerBatchUs:F1}", "-", $"{full.Load.Rate / without.Load.Rate:P0}");
                }
            }
        }

        table.AddRow("crypto floor per batch (us, one core)", $"{CryptoFloor.TotalMicroseconds:F1}", "-", "-");
        table.AddRow("efficiency (floor / CPU per batch)", $"{Efficiency:P0}", "-", "-");
        table.AddRow("peak RSS (MiB)", $"{VigilPeakRss / 1048576.0:F0}", Mosquitto is null ? "-" : $"{MosquittoPeakRss / 1048576.0:F0}", "-");
        table.AddRow("batches in the record after the run", StoredInRecord.ToString("N0"), "-", "-");
        if (IdleConnections > 0)
        {
            table.AddRow($"RSS with {IdleConnections:N0} idle connections (MiB)", $"{IdleRss / 1048576.0:F0} (from {IdleRssBefore / 1048576.0:F0})", "-", "-");
        }

        console.Write(table);
        var targets = new Table().Title("targets").AddColumns("target", "measured", "met");
        targets.AddRow("efficiency >= 60 %", $"{Efficiency:P0}", Met(Efficiency >= 0.6));
        targets.AddRow("throughput >= 50 % of mosquitto", Mosquitto is null ? "not measured" : $"{Vigil!.Rate / Mosquitto.Rate:P0}", Mosquitto is null ? "-" : Met(Vigil!.Rate >= 0.5 * Mosquitto.Rate));
        targets.AddRow(
            "verification costs <= 10 % of throughput", VerificationMeasured ? $"{VerificationCost:P0} over {Rounds.Count} rounds" : "not measured",
            VerificationMeasured ? Met(VerificationCost <= 0.10) : "-");
        targets.AddRow(
            "with encryption and ledger >= 85 % of the throughput without", ProtectionMeasured ? $"{1 - ProtectionCost:P0} over {Rounds.Count} rounds" : "not measured",
            ProtectionMeasured ? Met(1 - ProtectionCost >= 0.85) : "-");
        targets.AddRow("p99 ack latency <= 25 ms at half peak", $"{VigilHalfRate?.Percentile(0.99):F1} ms", Met(VigilHalfRate?.Percentile(0.99) <= 25));
        targets.AddRow("10,000 idle connections <= 1.5 GiB RSS", IdleConnections == 0 ? "not measured" : $"{IdleConnections:N0}: {IdleRss / 1073741824.0:F2} GiB", IdleConnections < 10_000 ? "-" : Met(IdleRss <= 1.5 * 1073741824));
        console.Write(targets);
    }

    // 1 - (the full rounds' total rate / the total rate without the thing), over the rounds that measured it.
    private double Cost(Func<ReferenceRound, ReferenceRun?> without)
    {
        var measured = Rounds.Where(r => without(r) is not null).ToList();
        return measured.Count == 0 ? double.NaN : 1 - (measured.Sum(r => r.Full.Load.Rate) / measured.Sum(r => without(r)!.Load.Rate));
    }

    private static string Latency(LoadResult? result) =>
        result is null ? "-" : $"{result.Percentile(0.5):F1} / {result.Percentile(0.99):F1} / {result.Max:F1}";

    private static string Ratio(double? value, double? reference) => value is { } v && reference is { } r && r > 0 ? $"{v / r:P0}" : "-";

    private static string Met(bool? met) => met == true ? "[green]yes[/]" : "[red]no[/]";
}

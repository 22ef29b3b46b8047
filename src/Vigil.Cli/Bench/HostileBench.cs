using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Spectre.Console;
using Vigil.Device.Sealing;
using Vigil.Device.SecureElements;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;
using Vigil.Protocol;
using Vigil.Protocol.Sealing;
using Vigil.Record;
using Vigil.Simulator.Sensors;

namespace Vigil.Cli.Bench;

/// <summary>The shape of a hostile-neighbour run.</summary>
/// <param name="Hostile">Hostile connections.</param>
/// <param name="Devices">Honest devices.</param>
/// <param name="Inflight">Unacknowledged publishes per honest connection.</param>
/// <param name="Quiet">How long the honest devices are measured without the hostile connections.</param>
/// <param name="Duration">How long the hostile connections run, the honest devices measured throughout.</param>
internal sealed record HostileBenchOptions(int Hostile, int Devices, int Inflight, TimeSpan Quiet, TimeSpan Duration);

/// <summary>The figures of a hostile-neighbour run.</summary>
internal sealed class HostileBenchReport
{
    public required HostileBenchOptions Options { get; init; }

    public LoadResult? Peak { get; set; }

    public LoadResult? Quiet { get; set; }

    /// <summary>The honest devices alone again, after the hostile connections stopped.</summary>
    public LoadResult? QuietAfter { get; set; }

    public LoadResult? Hostile { get; set; }

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

    private static string Ms(double? value) => value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "-";

    private static string Ratio(double? value, double? reference) => value is { } v && reference is { } r && r > 0 ? $"{v / r:F2}x" : "-";

    private static string Met(bool met) => met ? "[green]yes[/]" : "[red]no[/]";
}

/// <summary>
/// <c>vigil bench ingest --hostile N</c>: a real <c>vigil serve</c> in a child process; honest
/// devices at half their peak rate, first alone and then beside N connections sending malformed
/// MQTT and mutated envelopes at full speed (<see cref="HostileTraffic"/>, run in a process of
/// their own at a lower priority by <see cref="HostileNeighbour"/>). It reports the honest
/// devices' acknowledgement latency and throughput in both runs, the server's thread-pool stall
/// warnings, and its RSS every minute of the hostile run.
/// </summary>
internal sealed class HostileBench(IAnsiConsole console, HostileBenchOptions options)
{
    /// <summary>What Orleans logs when the .NET thread pool did not run its probe in time.</summary>
    public const string StallMarker = ".NET Thread Pool execution stalled";

    private const int HostileIdentities = 32;
    private const int EnvelopesPerHostileIdentity = 16;

    public async Task<HostileBenchReport> RunAsync(CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("vigil-bench-hostile-").FullName;
        try
        {
            return await RunInFolderAsync(new DataFolder(root), cancellationToken);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task<HostileBenchReport> RunInFolderAsync(DataFolder folder, CancellationToken cancellationToken)
    {
        folder.Initialize(TimeProvider.System, null);
        var report = new HostileBenchReport { Options = options };
        var recipient = RecipientKey.FromCertificate(folder.IngestCertificate);
        var maker = folder.LoadDevelopmentMaker(null);
        X509Certificate2 Mint(string name)
        {
            var id = DeviceId.Parse(name);
            return maker.IssueDevice(id, new DeviceAttributes("BENCH", "B1", id.Value, "1.0"), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        }

        var honest = Enumerable.Range(0, options.Devices).Select(i => Mint($"bench-{i}")).ToList();
        var hostileIdentities = Enumerable.Range(0, Math.Min(options.Hostile, HostileIdentities)).Select(i => Mint($"hostile-{i}")).ToList();
        await using (var record = RecordStore.Open(folder, null, TimeProvider.System))
        {
            await IngestBench.EnrollAsync(record, [.. honest, .. hostileIdentities]);
        }

        var random = new Random(11);
        var sealers = honest.Select(c => new DeviceSealer(new SoftwareSecureElement(c, new MemorySequenceCounter()), recipient, SHA256.HashData("fw"u8), TimeProvider.System)).ToList();
        byte[][] Seal(DeviceSealer sealer, int n) => [.. Enumerable.Range(0, n).Select(_ => sealer.Seal(SensorReadings.Batch(SensorKind.ContinuousGlucoseMonitor, DateTimeOffset.UtcNow, random)).Envelope)];
        List<LoadClient> Clients(int perDevice) => [.. honest.Select((c, i) => new LoadClient(DeviceCredentials.DeviceIdOf(c)!.Value, c, Seal(sealers[i], perDevice)))];
        var warmup = Clients(40);
        var peak = Clients(200);
        var hostile = hostileIdentities.Select(c =>
        {
            var sealer = new DeviceSealer(new SoftwareSecureElement(c, new MemorySequenceCounter()), recipient, SHA256.HashData("fw"u8), TimeProvider.System);
            return new LoadClient(DeviceCredentials.DeviceIdOf(c)!.Value, c, Seal(sealer, EnvelopesPerHostileIdentity));
        }).ToList();

        var ports = Enumerable.Range(0, 4).Select(_ => LoopbackPorts.Free()).ToArray();
        using var server = await IngestBench.StartVigilAsync(folder, ports);
        using var platformCa = folder.PlatformCaCertificate;
        var senders = await LoadGenerator.ConnectAsync(honest, ports[1], platformCa, cancellationToken);
        try
        {
            static bool Stored(string code) => code == Outcomes.Stored.Code;
            console.MarkupLine("honest devices alone: warm-up, then the peak rate...");
            await LoadGenerator.RunAsync(IngestBench.Pair(senders, warmup), options.Inflight, null, Stored, cancellationToken);
            report.Peak = await LoadGenerator.RunAsync(IngestBench.Pair(senders, peak), options.Inflight, null, Stored, cancellationToken);
            var rate = report.Peak.Rate / 2;

            // Sealed before the timed phases, as in the plain ingest bench, so that sealing takes no CPU from them.
            var quietBatches = Batches(rate, options.Quiet);
            var hostileBatches = Batches(rate, options.Duration);
            List<LoadClient> quiet = [], beside = [], after = [];
            await console.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask($"seal {(2 * quietBatches) + hostileBatches:N0} honest batches for {rate:F0} / s", maxValue: honest.Count);
                await Task.Run(() =>
                {
                    for (var i = 0; i < honest.Count; i++)
                    {
                        var id = DeviceCredentials.DeviceIdOf(honest[i])!.Value;
                        quiet.Add(new LoadClient(id, honest[i], Seal(sealers[i], quietBatches)));
                        beside.Add(new LoadClient(id, honest[i], Seal(sealers[i], hostileBatches)));
                        after.Add(new LoadClient(id, honest[i], Seal(sealers[i], quietBatches)));
                        task.Increment(1);
                    }
                });
            });

            console.MarkupLineInterpolated($"honest devices alone at {rate:F0} batches / s for {options.Quiet:mm\\:ss}...");
            var stallsBefore = Stalls(server);
            report.Quiet = await LoadGenerator.RunAsync(IngestBench.Pair(senders, quiet), options.Inflight, rate, Stored, cancellationToken);
            report.QuietStalls = Stalls(server) - stallsBefore;

            console.MarkupLineInterpolated($"beside {options.Hostile} hostile connections (a process of their own, at a lower priority) for {options.Duration:mm\\:ss}...");
            var identities = Path.Combine(folder.Root, "hostile-identities");
            HostileNeighbour.Save(identities, hostile, platformCa);
            using var neighbour = await HostileNeighbour.StartAsync(identities, ports[1], options.Hostile, options.Duration + TimeSpan.FromMinutes(5));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sampling = SampleRssAsync(server.Id, report, stop.Token);
            stallsBefore = Stalls(server);
            report.Hostile = await LoadGenerator.RunAsync(IngestBench.Pair(senders, beside), options.Inflight, rate, Stored, cancellationToken);
            report.HostileStalls = Stalls(server) - stallsBefore;
            var last = ProcessStats.Memory(server.Id).Now;
            await stop.CancelAsync();
            var totals = await neighbour.StopAsync();
            await sampling;
            report.Rss.Add((options.Duration, last));
            report.HostileConnections = totals.Connections;
            report.HostileBytes = totals.Bytes;
            report.HostileSent = totals.Sent;
            console.MarkupLineInterpolated($"honest devices alone again at {rate:F0} batches / s for {options.Quiet:mm\\:ss}...");
            stallsBefore = Stalls(server);
            report.QuietAfter = await LoadGenerator.RunAsync(IngestBench.Pair(senders, after), options.Inflight, rate, Stored, cancellationToken);
            report.QuietStalls += Stalls(server) - stallsBefore;
            report.ServerUp = !server.HasExited;
            report.StallLines.AddRange(server.Output.Split('\n').Where(l => l.Contains(StallMarker, StringComparison.Ordinal)).Select(l => l.Trim()));
        }
        finally
        {
            foreach (var sender in senders)
            {
                await sender.DisposeAsync();
            }
        }

        return report;

        int Batches(double ratePerSecond, TimeSpan span) => Math.Max(10, (int)Math.Ceiling(ratePerSecond * span.TotalSeconds / honest.Count));
    }

    private async Task SampleRssAsync(int pid, HostileBenchReport report, CancellationToken stop)
    {
        var every = options.Duration >= TimeSpan.FromMinutes(2) ? TimeSpan.FromMinutes(1) : options.Duration / 4;
        var started = Stopwatch.GetTimestamp();
        report.Rss.Add((TimeSpan.Zero, ProcessStats.Memory(pid).Now));
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var at = Stopwatch.GetElapsedTime(started);
                if (at < options.Duration - TimeSpan.FromSeconds(1))
                {
                    report.Rss.Add((at, ProcessStats.Memory(pid).Now));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static int Stalls(ChildProcess server)
    {
        var output = server.Output;
        var count = 0;
        for (var at = output.IndexOf(StallMarker, StringComparison.Ordinal); at >= 0; at = output.IndexOf(StallMarker, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

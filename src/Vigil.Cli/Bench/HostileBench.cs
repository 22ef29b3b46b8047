using System.Diagnostics;
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
            var cpu = PhaseCpu.Start(server.Id, null);
            report.Quiet = await LoadGenerator.RunAsync(IngestBench.Pair(senders, quiet), options.Inflight, rate, Stored, cancellationToken);
            report.QuietCpu = cpu.Stop();
            report.QuietStalls = Stalls(server) - stallsBefore;

            console.MarkupLineInterpolated($"beside {options.Hostile} hostile connections (a process of their own, at a lower priority) for {options.Duration:mm\\:ss}...");
            var identities = Path.Combine(folder.Root, "hostile-identities");
            HostileNeighbour.Save(identities, hostile, platformCa);
            using var neighbour = await HostileNeighbour.StartAsync(identities, ports[1], options.Hostile, options.Duration + TimeSpan.FromMinutes(5));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sampling = SampleRssAsync(server.Id, report, stop.Token);
            stallsBefore = Stalls(server);
            cpu = PhaseCpu.Start(server.Id, neighbour.Id);
            report.Hostile = await LoadGenerator.RunAsync(IngestBench.Pair(senders, beside), options.Inflight, rate, Stored, cancellationToken, Window(options.Duration));
            report.HostileCpu = cpu.Stop();
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

        static TimeSpan Window(TimeSpan duration) => duration >= TimeSpan.FromMinutes(2) ? TimeSpan.FromMinutes(1) : duration / 4;

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

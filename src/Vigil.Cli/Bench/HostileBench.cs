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
/// devices at half their peak rate, in windows alone and beside N connections sending malformed
/// MQTT and mutated envelopes at full speed (<see cref="HostileTraffic"/>, run in a process of
/// their own at a lower priority by <see cref="HostileNeighbour"/>, started for each hostile
/// window), in turn (<see cref="AlternatingWindows"/>). It reports the honest devices'
/// acknowledgement latency and throughput on each side, the server's thread-pool stall warnings,
/// and its RSS every minute.
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
            await BenchServer.EnrollAsync(record, [.. honest, .. hostileIdentities]);
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
        using var server = await BenchServer.StartAsync(folder, ports);
        using var platformCa = folder.PlatformCaCertificate;
        var senders = await LoadGenerator.ConnectAsync(honest, ports[1], platformCa, cancellationToken);
        try
        {
            static bool Stored(string code) => code == Outcomes.Stored.Code;
            console.MarkupLine("honest devices alone: warm-up, then the peak rate...");
            await LoadGenerator.RunAsync(BenchServer.Pair(senders, warmup), options.Inflight, null, Stored, cancellationToken);
            report.Peak = await LoadGenerator.RunAsync(BenchServer.Pair(senders, peak), options.Inflight, null, Stored, cancellationToken);
            var rate = report.Peak.Rate / 2;

            // Sealed before the timed windows, as in the plain ingest bench, so that sealing takes no CPU from them.
            var plan = AlternatingWindows.For(options.Duration);
            var perWindow = Batches(rate, plan.Length);
            var windows = Enumerable.Range(0, plan.Count).Select(_ => new List<LoadClient>()).ToList();
            await console.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask($"seal {plan.Count * perWindow * honest.Count:N0} honest batches for {rate:F0} / s", maxValue: honest.Count);
                await Task.Run(() =>
                {
                    for (var i = 0; i < honest.Count; i++)
                    {
                        var id = DeviceCredentials.DeviceIdOf(honest[i])!.Value;
                        foreach (var window in windows)
                        {
                            window.Add(new LoadClient(id, honest[i], Seal(sealers[i], perWindow)));
                        }

                        task.Increment(1);
                    }
                });
            });

            console.MarkupLineInterpolated(
                $"honest devices at {rate:F0} batches / s for {plan.Total:mm\\:ss}, in windows of {plan.Length:mm\\:ss} alone and beside {options.Hostile} hostile connections (a process of their own, at a lower priority) in turn...");
            var identities = Path.Combine(folder.Root, "hostile-identities");
            HostileNeighbour.Save(identities, hostile, platformCa);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sampling = SampleRssAsync(server.Id, plan.Total, report, stop.Token);
            var started = Stopwatch.GetTimestamp();
            List<(LoadResult, TimeSpan)> quiet = [], beside = [];
            List<PhaseCpuShare> quietCpu = [], besideCpu = [];
            for (var w = 0; w < plan.Count; w++)
            {
                var hostileWindow = AlternatingWindows.IsHostile(w);
                using var neighbour = hostileWindow ? await HostileNeighbour.StartAsync(identities, ports[1], options.Hostile, plan.Length + TimeSpan.FromMinutes(5)) : null;
                var stallsBefore = Stalls(server);
                var cpu = PhaseCpu.Start(server.Id, neighbour?.Id);
                var run = await LoadGenerator.RunAsync(BenchServer.Pair(senders, windows[w]), options.Inflight, rate, Stored, cancellationToken);
                (hostileWindow ? besideCpu : quietCpu).Add(cpu.Stop());
                (hostileWindow ? beside : quiet).Add((run, Stopwatch.GetElapsedTime(started)));
                if (neighbour is not null)
                {
                    report.HostileStalls += Stalls(server) - stallsBefore;
                    report.Add(await neighbour.StopAsync());
                }
                else
                {
                    report.QuietStalls += Stalls(server) - stallsBefore;
                }
            }

            await stop.CancelAsync();
            await sampling;
            report.Rss.Add((Stopwatch.GetElapsedTime(started), ProcessStats.Memory(server.Id).Now));
            report.Quiet = LoadResult.Combine(quiet);
            report.Hostile = LoadResult.Combine(beside);
            report.QuietCpu = PhaseCpuShare.Mean(quietCpu);
            report.HostileCpu = PhaseCpuShare.Mean(besideCpu);
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

    private static async Task SampleRssAsync(int pid, TimeSpan total, HostileBenchReport report, CancellationToken stop)
    {
        var every = total >= TimeSpan.FromMinutes(2) ? TimeSpan.FromMinutes(1) : total / 4;
        var started = Stopwatch.GetTimestamp();
        report.Rss.Add((TimeSpan.Zero, ProcessStats.Memory(pid).Now));
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var at = Stopwatch.GetElapsedTime(started);
                if (at < total - TimeSpan.FromSeconds(1))
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

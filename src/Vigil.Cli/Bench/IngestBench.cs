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
using Vigil.Protocol.Envelopes;
using Vigil.Protocol.Sealing;
using Vigil.Record;
using Vigil.Record.Storage;
using Vigil.Simulator.Sensors;

namespace Vigil.Cli.Bench;

/// <summary>
/// <c>vigil bench ingest</c>: a real <c>vigil serve</c> in a child process, loaded over MQTT/TLS
/// on loopback by this process with batches sealed before the timed phase, beside the crypto floor
/// and Debian's mosquitto relaying the same bytes, all measured in the same run.
/// </summary>
internal sealed class IngestBench(IAnsiConsole console, IngestBenchOptions options)
{
    private const int ReferenceRounds = 2;

    private readonly string _root = Directory.CreateTempSubdirectory("vigil-bench-").FullName;

    public async Task<IngestBenchReport> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await RunInFolderAsync(cancellationToken);
        }
        finally
        {
            foreach (var folder in Directory.GetDirectories(Path.GetDirectoryName(_root)!, Path.GetFileName(_root) + "*"))
            {
                try
                {
                    if (Directory.Exists(folder))
                    {
                        Directory.Delete(folder, recursive: true);
                    }
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private async Task<IngestBenchReport> RunInFolderAsync(CancellationToken cancellationToken)
    {
        var folder = new DataFolder(_root);
        folder.Initialize(TimeProvider.System, null);
        var report = new IngestBenchReport { Devices = options.Devices, Inflight = options.Inflight };
        List<LoadClient> warmup = [], peak = [], paced = [];
        List<X509Certificate2> idle = [];
        X509Certificate2 subscriber = null!;
        List<X509Certificate2> enrolled = [];
        await console.Progress().StartAsync(async progress =>
        {
            var mint = progress.AddTask("mint and enroll devices", maxValue: options.Devices + options.IdleConnections + 1);
            var seal = progress.AddTask("seal batches before the timed phase", maxValue: options.Devices);
            var maker = folder.LoadDevelopmentMaker(null);
            var certificates = Enumerable.Range(0, options.Devices + options.IdleConnections + 1).Select(i =>
            {
                mint.Increment(1);
                var id = DeviceId.Parse(i < options.Devices ? $"bench-{i}" : i < options.Devices + options.IdleConnections ? $"bench-idle-{i}" : "bench-subscriber");
                return maker.IssueDevice(id, new DeviceAttributes("BENCH", "B1", id.Value, "1.0"), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
            }).ToList();
            await using (var record = RecordStore.Open(folder, null, TimeProvider.System))
            {
                await BenchServer.EnrollAsync(record, certificates);
            }

            enrolled = certificates;

            var recipient = RecipientKey.FromCertificate(folder.IngestCertificate);
            var random = new Random(7);
            for (var i = 0; i < options.Devices; i++)
            {
                var sealer = new DeviceSealer(new SoftwareSecureElement(certificates[i], new MemorySequenceCounter()), recipient, SHA256.HashData("fw"u8), TimeProvider.System);
                byte[][] Seal(int n) => [.. Enumerable.Range(0, n).Select(_ => sealer.Seal(SensorReadings.Batch(SensorKind.ContinuousGlucoseMonitor, DateTimeOffset.UtcNow, random)).Envelope)];
                var id = DeviceCredentials.DeviceIdOf(certificates[i])!.Value;
                warmup.Add(new LoadClient(id, certificates[i], Seal(Math.Max(20, options.BatchesPerDevice / 5))));
                peak.Add(new LoadClient(id, certificates[i], Seal(options.BatchesPerDevice)));
                paced.Add(new LoadClient(id, certificates[i], Seal(Math.Max(10, options.BatchesPerDevice / 4))));
                seal.Increment(1);
            }

            idle = certificates.Skip(options.Devices).Take(options.IdleConnections).ToList();
            subscriber = certificates[^1];
        });

        var sample = EnvelopeCodec.TryDecode(peak[0].Batches[0], ProtocolLimits.Default).Value!;
        report.BatchBytes = peak[0].Batches[0].Length;
        report.CryptoFloor = CryptoFloor.Measure(sample.Ciphertext.Length - EnvelopeCodec.TagLength, sample.Ciphertext.Length - EnvelopeCodec.TagLength, TimeSpan.FromSeconds(2));
        console.MarkupLineInterpolated($"Crypto floor per batch (verify + decrypt, one core): {report.CryptoFloor.TotalMicroseconds:F1} us");

        // Each reference run gets its own copy of the provisioned folder, so that every server takes
        // the very same sealed batches as new.
        var rounds = Enumerable.Range(0, options.VerificationReference || options.ProtectionReference ? ReferenceRounds : 0)
            .Select(i => (
                Full: new DataFolder($"{_root}-full-{i}"),
                Unprotected: options.ProtectionReference ? new DataFolder($"{_root}-unprotected-{i}") : null,
                Unverified: options.VerificationReference ? new DataFolder($"{_root}-unverified-{i}") : null))
            .ToList();
        foreach (var round in rounds)
        {
            CopyFolder(folder.Root, round.Full.Root, withRecord: true);
            foreach (var (copy, protect) in new[] { (round.Unprotected, false), (round.Unverified, true) })
            {
                if (copy is not null)
                {
                    // A reference server serves only a record made for the benchmark, never a copy of a clinical one.
                    CopyFolder(folder.Root, copy.Root, withRecord: false);
                    using var keys = copy.OpenKeyStore(null);
                    await using var record = RecordStore.MakeBenchmark(RecordDatabase.Connect(null, copy.RecordPath), keys, TimeProvider.System, protect);
                    await BenchServer.EnrollAsync(record, enrolled);
                }
            }
        }

        var ports = Enumerable.Range(0, 5).Select(_ => LoopbackPorts.Free()).ToArray();
        await RunVigilAsync(folder, ports, warmup, peak, paced, idle, report, cancellationToken);

        // What verification, and encryption at rest with the ledger, cost is a few per cent, less
        // than this machine's drift between runs; so each is measured against the full Vigil in
        // rounds, every run on a fresh copy after the same warm-up, the order reversed from one round
        // to the next, and compared by the rounds' total rates.
        for (var i = 0; i < rounds.Count; i++)
        {
            var round = $"(round {i + 1} of {rounds.Count})";
            (DataFolder? Folder, string Label, string? Variant)[] runs =
            [
                (rounds[i].Full, round, null),
                (rounds[i].Unprotected, $"without encryption at rest and the ledger {round}", "unprotected"),
                (rounds[i].Unverified, $"without verification {round}", "unverified"),
            ];
            var results = new ReferenceRun?[runs.Length];
            foreach (var k in i % 2 == 0 ? [0, 1, 2] : new[] { 2, 1, 0 })
            {
                if (runs[k].Folder is { } copy)
                {
                    results[k] = await RunReferenceAsync(copy, runs[k].Label, runs[k].Variant, warmup, peak, cancellationToken);
                }
            }

            report.Rounds.Add(new ReferenceRound(results[0]!, results[1], results[2]));
        }

        await using (var record = RecordStore.Open(folder, null, TimeProvider.System))
        {
            report.StoredInRecord = await record.Batches.CountBatchesAsync();
        }

        if (options.Mosquitto)
        {
            await RunMosquittoAsync(folder, ports[4], peak, subscriber, report, cancellationToken);
        }

        return report;
    }

    private async Task RunVigilAsync(
        DataFolder folder, int[] ports, List<LoadClient> warmup, List<LoadClient> peak, List<LoadClient> paced, List<X509Certificate2> idle,
        IngestBenchReport report, CancellationToken cancellationToken)
    {
        using var server = await BenchServer.StartAsync(folder, ports);
        using var platformCa = folder.PlatformCaCertificate;
        var senders = await LoadGenerator.ConnectAsync(peak.Select(c => c.Certificate), ports[1], platformCa, cancellationToken);
        var byId = BenchServer.Pair(senders, peak);
        static bool Stored(string code) => code == Outcomes.Stored.Code;
        console.MarkupLine("Vigil: warm-up...");
        await LoadGenerator.RunAsync(BenchServer.Pair(senders, warmup), options.Inflight, null, Stored, cancellationToken);

        console.MarkupLine("Vigil: peak phase...");
        var cpuBefore = ProcessStats.CpuSplit(server.Id);
        report.Vigil = await LoadGenerator.RunAsync(byId, options.Inflight, null, Stored, cancellationToken);
        var cpuAfter = ProcessStats.CpuSplit(server.Id);
        report.VigilCpu = cpuAfter.User + cpuAfter.System - cpuBefore.User - cpuBefore.System;
        report.VigilSystemCpu = cpuAfter.System - cpuBefore.System;
        report.VigilPeakRss = ProcessStats.Memory(server.Id).Peak;

        console.MarkupLineInterpolated($"Vigil: latency phase at half the peak rate ({report.Vigil.Rate / 2:F0} batches/s)...");
        report.VigilHalfRate = await LoadGenerator.RunAsync(BenchServer.Pair(senders, paced), options.Inflight, report.Vigil.Rate / 2, Stored, cancellationToken);
        foreach (var sender in senders)
        {
            await sender.DisposeAsync();
        }

        if (idle.Count > 0)
        {
            console.MarkupLineInterpolated($"Vigil: opening {idle.Count} idle device connections...");
            var before = ProcessStats.Memory(server.Id).Now;
            var idleSenders = await LoadGenerator.ConnectAsync(idle, ports[1], platformCa, cancellationToken);
            report.IdleConnections = idleSenders.Count;
            report.IdleRssBefore = before;
            report.IdleRss = ProcessStats.Memory(server.Id).Now;
            await Task.WhenAll(idleSenders.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    // The same Vigil with one thing switched off, taking the same batches: what that thing costs.
    private async Task<ReferenceRun> RunReferenceAsync(
        DataFolder folder, string label, string? variant, List<LoadClient> warmup, List<LoadClient> peak, CancellationToken cancellationToken)
    {
        var ports = Enumerable.Range(0, 4).Select(_ => LoopbackPorts.Free()).ToArray();
        using var server = await BenchServer.StartAsync(folder, ports, variant);
        using var platformCa = folder.PlatformCaCertificate;
        var senders = await LoadGenerator.ConnectAsync(peak.Select(c => c.Certificate), ports[1], platformCa, cancellationToken);
        static bool Stored(string code) => code == Outcomes.Stored.Code;
        console.MarkupLineInterpolated($"Vigil {label}: warm-up...");
        await LoadGenerator.RunAsync(BenchServer.Pair(senders, warmup), options.Inflight, null, Stored, cancellationToken);
        console.MarkupLineInterpolated($"Vigil {label}: peak phase...");
        var cpuBefore = ProcessStats.CpuSplit(server.Id);
        var load = await LoadGenerator.RunAsync(BenchServer.Pair(senders, peak), options.Inflight, null, Stored, cancellationToken);
        var cpuAfter = ProcessStats.CpuSplit(server.Id);
        foreach (var sender in senders)
        {
            await sender.DisposeAsync();
        }

        return new ReferenceRun(load, cpuAfter.User + cpuAfter.System - cpuBefore.User - cpuBefore.System);
    }

    private static void CopyFolder(string from, string to, bool withRecord)
    {
        Directory.CreateDirectory(to);
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories)
            .Where(f => withRecord || !Path.GetFileName(f).StartsWith("vigil.db", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private async Task RunMosquittoAsync(DataFolder folder, int port, List<LoadClient> peak, X509Certificate2 subscriberCertificate, IngestBenchReport report, CancellationToken cancellationToken)
    {
        if (MosquittoReference.Executable() is not { } executable)
        {
            console.MarkupLine("[yellow]mosquitto is not installed (apt-get install mosquitto); the broker reference is skipped.[/]");
            return;
        }

        console.MarkupLine("mosquitto: same batches, same load...");
        using var platformCa = folder.PlatformCaCertificate;
        await using var mosquitto = await MosquittoReference.StartAsync(
            executable, _root, port, folder.MakerCertificatePath, folder.TlsCertificatePath, folder.TlsKeyPath, subscriberCertificate, platformCa, cancellationToken);
        var senders = await LoadGenerator.ConnectAsync(peak.Select(c => c.Certificate), port, platformCa, cancellationToken);
        var cpuBefore = ProcessStats.CpuTime(mosquitto.ProcessId);
        report.Mosquitto = await LoadGenerator.RunAsync(BenchServer.Pair(senders, peak), options.Inflight, null, code => code is "Success" or "NoMatchingSubscribers", cancellationToken);
        report.MosquittoCpu = ProcessStats.CpuTime(mosquitto.ProcessId) - cpuBefore;
        report.MosquittoDelivered = await mosquitto.WaitForAsync(report.Mosquitto.Accepted, TimeSpan.FromSeconds(20));
        report.MosquittoPeakRss = ProcessStats.Memory(mosquitto.ProcessId).Peak;
        foreach (var sender in senders)
        {
            await sender.DisposeAsync();
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Spectre.Console;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Identity.Provisioning;
using Vigil.Record;
using Vigil.Record.Batches;
using Vigil.Record.Ledger;
using Vigil.Record.Readings;

namespace Vigil.Cli.Bench;

/// <summary>
/// <c>vigil bench audit</c>: fills a fresh embedded record with N batches (CGM, two readings each,
/// sealed, with ledger entries and a checkpoint every 100,000), then times <c>vigil audit verify</c>
/// over it beside two references measured in the same run: the time to SHA-256 the same bytes
/// (the database file, read the same way from the page cache; the target is at most 2x), and the
/// time the SHA-256 calls the audit must make take alone (five per batch, of the record's sizes:
/// the ledger's leaf and the rebuilt leaf, the sealed batch, its readings, a tree node). The audit
/// runs twice on the same record: on the record's fast paths, and on the plain .NET paths beside
/// them (<see cref="FastPaths"/>), which must give the same report.
/// </summary>
internal static class AuditBench
{
    private const int Devices = 1000;
    private const int InFlight = 2048;
    private const long CheckpointEvery = 100_000;

    public static async Task<int> RunAsync(IAnsiConsole console, long entries, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("vigil-bench-audit-").FullName;
        try
        {
            var folder = new DataFolder(root);
            folder.Initialize(TimeProvider.System, null);
            var fill = Stopwatch.StartNew();
            await using (var record = RecordStore.Open(folder, null, TimeProvider.System))
            {
                await FillAsync(console, record, folder, entries, cancellationToken);
            }

            fill.Stop();
            var files = Directory.GetFiles(root, "vigil.db*");
            var bytes = files.Sum(f => new FileInfo(f).Length);
            console.MarkupLineInterpolated($"Filled {entries:N0} batches in {fill.Elapsed.TotalSeconds:F0} s: {bytes / 1048576.0:N0} MiB on disk.");

            // Once to bring the file into the page cache, so that both sides read it from memory.
            HashFiles(files);
            var hash = Stopwatch.StartNew();
            HashFiles(files);
            hash.Stop();
            var calls = HashCalls(folder.RecordPath, entries, fastPaths: true);
            var plainCalls = HashCalls(folder.RecordPath, entries, fastPaths: false);
            var fast = await AuditAsync(folder, fastPaths: true, cancellationToken);
            var plain = await AuditAsync(folder, fastPaths: false, cancellationToken);
            var report = fast.Report;
            var same = SameReport(fast.Report, plain.Report);
            var table = new Table().Title($"vigil bench audit: {entries:N0} batches, {report.Entries:N0} ledger entries, {report.Checkpoints} checkpoints")
                .AddColumns("measure", "value");
            table.AddRow("record on disk (MiB)", (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("audit verify (s; CPU s)", $"{fast.Elapsed.TotalSeconds:F2}; {fast.Cpu.TotalSeconds:F2}");
            table.AddRow("audit verify on the plain paths (s; CPU s)", $"{plain.Elapsed.TotalSeconds:F2}; {plain.Cpu.TotalSeconds:F2}");
            table.AddRow("ratio (plain paths / fast paths)", $"{plain.Elapsed.TotalSeconds / fast.Elapsed.TotalSeconds:F2}x");
            table.AddRow("SHA-256 of the same bytes (s)", $"{hash.Elapsed.TotalSeconds:F2} ({bytes / hash.Elapsed.TotalSeconds / 1048576:N0} MiB/s)");
            table.AddRow("ratio (audit / SHA-256)", $"{fast.Elapsed.TotalSeconds / hash.Elapsed.TotalSeconds:F1}x");
            table.AddRow("the audit's SHA-256 calls alone, one core (s)", $"{calls.Elapsed.TotalSeconds:F2} ({calls.Calls:N0} calls)");
            table.AddRow("the same calls on the plain path (s)", $"{plainCalls.Elapsed.TotalSeconds:F2} ({plainCalls.Elapsed.TotalSeconds / calls.Elapsed.TotalSeconds:F2}x)");
            table.AddRow("audit CPU / its SHA-256 calls", $"{fast.Cpu.TotalSeconds / calls.Elapsed.TotalSeconds:F1}x");
            table.AddRow("audit per entry (us)", $"{fast.Elapsed.TotalMicroseconds / Math.Max(1, report.Entries):F2}");
            table.AddRow("intact", report.Intact ? "[green]yes[/]" : $"[red]no: {report.Findings.Count} finding(s)[/]");
            table.AddRow("the same report on both paths", same ? "[green]yes[/]" : "[red]no[/]");
            console.Write(table);
            var met = fast.Elapsed <= 2 * hash.Elapsed;
            console.MarkupLine($"target: audit verify <= 2x SHA-256 of the same bytes: {(met ? "[green]met[/]" : "[red]not met[/]")}");
            return report.Intact && same ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task FillAsync(IAnsiConsole console, RecordStore record, DataFolder folder, long entries, CancellationToken cancellationToken)
    {
        using var signing = folder.SigningCertificate;
        using var keys = folder.OpenKeyStore(null);
        using var signer = new CheckpointSigner(record.Ledger, keys, signing, TimeProvider.System);
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        var signed = new byte[350];
        RandomNumberGenerator.Fill(signed);
        await console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("fill the record", maxValue: entries);
            var pending = new List<Task>(InFlight);
            for (long i = 0; i < entries; i++)
            {
                pending.Add(record.Batches.CommitAsync(Batch(i, start, signed), cancellationToken));
                if (pending.Count == InFlight)
                {
                    await Task.WhenAll(pending);
                    pending.Clear();
                    task.Value = i + 1;
                }

                if ((i + 1) % CheckpointEvery == 0)
                {
                    await Task.WhenAll(pending);
                    pending.Clear();
                    signer.SignIfGrown();
                }
            }

            await Task.WhenAll(pending);
            signer.SignIfGrown();
            task.Value = entries;
        });
    }

    // Batches arrive a hundred at a time per device, as a hub forwards its backlog: the record's
    // indexes then grow in runs instead of at a thousand places at once, which keeps filling a
    // large record fast. The audit reads each table in its own order either way.
    private static AcceptedBatch Batch(long i, DateTimeOffset start, byte[] signed)
    {
        const int Run = 100;
        var block = i / (Devices * Run);
        var within = i % (Devices * Run);
        var device = DeviceId.Parse($"cgm-{within / Run:D4}");
        var sequence = (ulong)((block * Run) + (within % Run)) + 1;
        var at = start.AddMinutes(5 * (double)sequence);
        var patient = PatientId.Parse($"p-{within / Run:D4}");
        StoredReading[] readings =
        [
            new(device, sequence, 0, patient, MeasurementKind.Glucose, at, at, [90 + (i % 80)], "mg/dL", ReadingFlags.None, null, Verdict.Verified),
            new(device, sequence, 1, patient, MeasurementKind.GlucoseTrend, at, at, [0.5], "mg/dL/min", ReadingFlags.None, null, Verdict.Verified),
        ];
        return new AcceptedBatch(
            device, sequence, at, at, "device:" + device.Value, new byte[16], new byte[32], SHA256.HashData(BitConverter.GetBytes(i)), signed, 2, false, readings, patient);
    }

    // One audit of the record, on the fast paths or the plain ones (FastPaths), in a record
    // opened for it.
    private static async Task<(AuditReport Report, TimeSpan Elapsed, TimeSpan Cpu)> AuditAsync(DataFolder folder, bool fastPaths, CancellationToken cancellationToken)
    {
        FastPaths.Enabled = fastPaths;
        try
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var audit = Stopwatch.StartNew();
            AuditReport report;
            await using (var record = RecordStore.Open(folder, null, TimeProvider.System))
            {
                using var signing = folder.SigningCertificate;
                using var key = signing.GetECDsaPublicKey()!;
                report = await new LedgerAudit(record.Ledger, record.Audit).VerifyAsync(key, CheckpointSigner.OriginOf(signing), cancellationToken: cancellationToken);
            }

            audit.Stop();
            return (report, audit.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu0);
        }
        finally
        {
            FastPaths.Enabled = true;
        }
    }

    private static bool SameReport(AuditReport a, AuditReport b) =>
        a.Entries == b.Entries && a.Checkpoints == b.Checkpoints && a.Root.AsSpan().SequenceEqual(b.Root) && a.Findings.SequenceEqual(b.Findings);

    // The SHA-256 calls an audit makes, of the sizes the record holds, through the hash the
    // audit calls: the platform's OpenSSL, called directly where it can be, or the runtime's.
    private static (TimeSpan Elapsed, long Calls) HashCalls(string database, long entries, bool fastPaths)
    {
        int Average(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        int leaf, sealedBatch, readings;
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            leaf = 1 + Average(connection, "SELECT avg(length(leaf)) FROM ledger;");
            sealedBatch = Average(connection, "SELECT avg(length(sealed_batch)) FROM batches;");
            readings = Average(connection, "SELECT sum(28 + length(sealed_values) + length(sealed_verdict)) / (SELECT count(*) FROM batches) FROM readings;");
        }

        int[] sizes = [leaf, leaf, sealedBatch, readings, 1 + (2 * 32)];
        var input = new byte[sizes.Max()];
        RandomNumberGenerator.Fill(input);
        Span<byte> output = stackalloc byte[32];
        FastPaths.Enabled = fastPaths;
        try
        {
            var watch = Stopwatch.StartNew();
            for (long i = 0; i < entries; i++)
            {
                foreach (var size in sizes)
                {
                    Sha256.Hash(input.AsSpan(0, size), output);
                }
            }

            return (watch.Elapsed, entries * sizes.Length);
        }
        finally
        {
            FastPaths.Enabled = true;
        }
    }

    private static void HashFiles(string[] files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20, FileOptions.SequentialScan);
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }
        }

        sha.GetHashAndReset();
    }
}

using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Spectre.Console;
using Vigil.Record.Ledger;
using Vigil.Record.Witness;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil audit monitor</c>: a third party's watch over a Vigil ledger. Fetches the checkpoint
/// every interval (or once), checks it and its consistency with the last one accepted, and keeps
/// every accepted checkpoint in its state folder. A shrink or a fork is an ALARM line; with
/// <c>--once</c> it exits 1.
/// </summary>
internal static class AuditMonitorCommand
{
    public static Command Create(CliContext context)
    {
        var log = WebAddressOption.One("--log", "The Vigil server, https://HOST:PORT: its checkpoint and consistency proofs.");
        var published = new Option<DirectoryInfo?>("--published") { Description = "A publish directory to read the checkpoint from (proofs still come from --log)." };
        var certificate = new Option<FileInfo>("--certificate") { Description = "The log's signing certificate (signing.crt).", Required = true };
        var witnessKeys = new Option<string[]>("--witness-key") { Description = "A witness vkey whose cosignature every checkpoint must carry; repeatable." };
        var state = new Option<DirectoryInfo>("--state") { Description = "Where the monitor keeps the checkpoints it accepted.", Required = true };
        var interval = new Option<TimeSpan>("--interval") { Description = "Time between fetches (default 00:01:00).", DefaultValueFactory = _ => TimeSpan.FromMinutes(1) };
        var once = new Option<bool>("--once") { Description = "Fetch and check once; exit 1 on an alarm or an invalid checkpoint." };
        var ca = new Option<FileInfo?>("--ca") { Description = "The platform CA certificate to trust for --log over HTTPS." };
        var command = new Command("monitor", "Watch a Vigil ledger from outside: verify each checkpoint, keep it, and raise an alarm when the log shrinks or forks.")
        {
            log, published, certificate, witnessKeys, state, interval, once, ca,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var logUri = parse.GetValue(log);
            var publishedDir = parse.GetValue(published);
            if (logUri is null && publishedDir is null)
            {
                return context.Fail("Give --log URL or --published DIR.", 2);
            }

            var witnesses = new List<CosignerKey>();
            foreach (var vkey in parse.GetValue(witnessKeys) ?? [])
            {
                if (CosignerKey.Parse(vkey, out var error) is not { } key)
                {
                    return context.Fail($"--witness-key: {error}.", 2);
                }

                witnesses.Add(key);
            }

            ECDsa logKey;
            string origin;
            X509Certificate2? trust;
            try
            {
                using var signing = X509CertificateLoader.LoadCertificateFromFile(parse.GetValue(certificate)!.FullName);
                logKey = signing.GetECDsaPublicKey() ?? throw new CryptographicException("the certificate holds no EC key");
                origin = CheckpointSigner.OriginOf(signing);
                trust = parse.GetValue(ca) is { } caFile ? X509CertificateLoader.LoadCertificateFromFile(caFile.FullName) : null;
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                return context.Fail($"Cannot read a certificate: {e.Message}", 2);
            }

            using (logKey)
            using (trust)
            using (var fetch = new CheckpointFetch(trust))
            {
                var monitor = new LogMonitor(parse.GetValue(state)!.FullName, logKey, origin, witnesses);
                var wait = parse.GetValue(interval) is { } t && t > TimeSpan.Zero ? t : TimeSpan.FromMinutes(1);
                while (true)
                {
                    var verdict = await RoundAsync(monitor, fetch, logUri, publishedDir, cancellation);
                    var line = verdict.Kind switch
                    {
                        MonitorVerdictKind.Alarm => $"ALARM {origin}: {verdict.Message}",
                        MonitorVerdictKind.Invalid => $"refused {origin}: {verdict.Message}",
                        _ => $"{origin}: {verdict.Message}",
                    };
                    context.Console.WriteLine(line);
                    if (parse.GetValue(once))
                    {
                        return verdict.Kind is MonitorVerdictKind.Alarm or MonitorVerdictKind.Invalid ? 1 : 0;
                    }

                    try
                    {
                        await Task.Delay(wait, context.Time, cancellation);
                    }
                    catch (OperationCanceledException)
                    {
                        return 0;
                    }
                }
            }
        });
        return command;
    }

    private static async Task<MonitorVerdict> RoundAsync(LogMonitor monitor, CheckpointFetch fetch, Uri? log, DirectoryInfo? published, CancellationToken cancellation)
    {
        string note;
        try
        {
            note = published is not null ? CheckpointFetch.FromPublished(published) : await fetch.FromLogAsync(log!, cancellation);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or UnauthorizedAccessException)
        {
            return new(MonitorVerdictKind.Invalid, $"cannot fetch the checkpoint: {e.Message}");
        }

        return await monitor.AcceptAsync(note, (from, to) => log is null ? Task.FromResult<IReadOnlyList<byte[]>?>(null) : Proof(fetch, log, from, to, cancellation));
    }

    private static async Task<IReadOnlyList<byte[]>?> Proof(CheckpointFetch fetch, Uri log, long from, long to, CancellationToken cancellation)
    {
        try
        {
            return await fetch.ConsistencyAsync(log, from, to, cancellation);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}

using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Spectre.Console;
using Vigil.Identity.Provisioning;
using Vigil.Platform;
using Vigil.Platform.Audit;
using Vigil.Platform.Queries;
using Vigil.Record.Ledger;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil audit verify|prove|check</c>: the tamper-evident ledger, as an auditor and a third party use it.</summary>
internal static class AuditCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command("audit", "The tamper-evident ledger: verify the record against it, prove a batch is in it, check a proof, monitor it from outside.");
        command.Subcommands.Add(Verify(context, data));
        command.Subcommands.Add(Prove(context, data));
        command.Subcommands.Add(Check(context, data));
        command.Subcommands.Add(AuditMonitorCommand.Create(context));
        return command;
    }

    private static Command Verify(CliContext context, Option<DirectoryInfo> data)
    {
        var verify = new Command(
            "verify",
            "Recompute the ledger from the record and check it against every signed checkpoint; name each entry that was changed, deleted or inserted behind Vigil's back. Exits 1 if anything was.");
        var outside = new AuditOutsideOptions();
        outside.AddTo(verify);
        verify.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformWithoutKeysAsync(context, parse.GetValue(data)!, platform =>
            VerifyAsync(context, parse, platform, outside, new DataFolder(parse.GetValue(data)!.FullName), cancellation)));
        return verify;
    }

    private static async Task<int> VerifyAsync(CliContext context, ParseResult parse, PlatformSession platform, AuditOutsideOptions outside, DataFolder folder, CancellationToken cancellation)
    {
        using var signing = folder.SigningCertificate;
        using var key = signing.GetECDsaPublicKey()!;
        var auditing = platform.Get<RecordAuditing>();
        var total = (await platform.Get<LedgerViews>().HeadAsync(cancellation)).Size;
        AuditReport report = null!;
        await context.Console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("verify the ledger", maxValue: Math.Max(1, total));
            report = await auditing.VerifyLedgerAsync(new Progress<long>(done => task.Value = done), cancellation);
            task.Value = task.MaxValue;
        });
        context.Console.MarkupLineInterpolated(
            $"{report.Entries:N0} entries, {report.Checkpoints} signed checkpoints, root {Convert.ToBase64String(report.Root)}.");
        if (!await outside.CheckAsync(context, parse, auditing, key, CheckpointSigner.OriginOf(signing), folder.Root) && report.Intact)
        {
            context.Console.MarkupLine("[red]The record matches its own ledger, but not the checkpoints kept outside it: it was rolled back, truncated or forked.[/]");
            return 1;
        }

        if (report.Intact)
        {
            context.Console.MarkupLine("[green]The record matches its ledger and every checkpoint.[/]");
            return 0;
        }

        var table = new Table().AddColumns("entry", "subject", "what was found");
        foreach (var f in report.Findings)
        {
            table.AddRow(f.Index?.ToString(CultureInfo.InvariantCulture) ?? "-", Markup.Escape(f.Subject), $"[red]{Markup.Escape(f.What)}[/]");
        }

        context.Console.Write(table);
        context.Console.MarkupLineInterpolated($"[red]{report.Findings.Count} finding(s): the record was changed behind Vigil's back.[/]");
        return 1;
    }

    private static Command Prove(CliContext context, Option<DirectoryInfo> data)
    {
        var device = new Argument<string>("device") { Description = "The device id." };
        var sequence = new Argument<ulong>("sequence") { Description = "The batch's sequence number." };
        var index = new Argument<int?>("reading")
        {
            Description = "The reading's index in the batch: prove that reading and its later verdicts (default: the batch).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var output = new Option<FileInfo?>("--out") { Description = "Write the proof to this file (default: print it)." };
        var prove = new Command(
            "prove",
            "Print the inclusion proof of a batch, or of one of its readings with its later verdicts, in the latest signed checkpoint, for a third party to check with 'vigil audit check' or any RFC 9162 verifier.")
        {
            device, sequence, index, output,
        };
        prove.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformWithoutKeysAsync(context, parse.GetValue(data)!, async platform =>
        {
            var ledger = platform.Get<LedgerViews>();
            var (id, number) = (parse.GetValue(device)!, parse.GetValue(sequence));
            var subject = LedgerLeaf.BatchSubject(id, number);
            var reading = parse.GetValue(index);
            var proof = reading is { } i
                ? await ledger.ProveReadingAsync(id, number, i)
                : await ledger.ProveBatchAsync(id, number);
            if (proof is null)
            {
                var what = reading is { } r ? $"reading {r} of batch {subject}" : $"batch {subject}";
                return context.Fail($"{what} is not in the ledger, or no checkpoint covers it yet (the server signs one every few seconds).", ExitCodes.NotFound);
            }

            var text = JsonSerializer.Serialize(proof, Json);
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file.FullName, text);
                var what = reading is { } r ? $"reading {r} of {subject}" : subject;
                context.Console.MarkupLineInterpolated($"Proof of {what} (entry {proof.LeafIndex} of {proof.TreeSize}) written to {file.FullName}.");
            }
            else
            {
                context.Console.WriteLine(text);
            }

            return 0;
        }));
        return prove;
    }

    private static Command Check(CliContext context, Option<DirectoryInfo> data)
    {
        var file = new Argument<FileInfo>("proof") { Description = "A proof from 'vigil audit prove'." };
        var certificate = new Option<FileInfo?>("--certificate") { Description = "The platform signing certificate (default: the data folder's pki/signing.crt)." };
        var check = new Command("check", "Check an inclusion proof as a third party would: the checkpoint's signature, then the leaf's path to its root.")
        {
            file, certificate,
        };
        check.SetAction(parse =>
        {
            InclusionProofDocument? proof;
            try
            {
                proof = JsonSerializer.Deserialize<InclusionProofDocument>(InputFiles.Text(parse.GetValue(file)!), Json);
            }
            catch (JsonException e)
            {
                return context.Fail($"the file is not a proof: {e.Message}", 2);
            }

            if (proof is null || proof.InclusionPath is null || proof.Leaf is null || proof.Checkpoint is null)
            {
                return context.Fail("the file is not a proof.", 2);
            }

            using var signing = parse.GetValue(certificate) is { } path
                ? InputFiles.Certificate(path)
                : new DataFolder(parse.GetValue(data)!.FullName).SigningCertificate;
            using var key = signing.GetECDsaPublicKey();
            if (key is null)
            {
                return context.Fail("the certificate holds no EC key.", 2);
            }

            if (proof.Reading is not null)
            {
                return CheckReading(context, proof, key, CheckpointSigner.OriginOf(signing));
            }

            if (!LedgerProofs.Check(proof, key, CheckpointSigner.OriginOf(signing)))
            {
                return context.Fail($"the proof of {proof.Subject} does NOT verify against the platform's signed checkpoint.", 1);
            }

            context.Console.MarkupLineInterpolated($"[green]Verified:[/] {proof.Subject} is entry {proof.LeafIndex} of the ledger checkpointed at size {proof.TreeSize}.");
            return 0;
        });
        return check;
    }

    private static int CheckReading(CliContext context, InclusionProofDocument proof, System.Security.Cryptography.ECDsa key, string origin)
    {
        var result = LedgerProofs.CheckReading(proof, key, origin);
        if (result.Reading is not { } reading)
        {
            return context.Fail($"the proof does NOT verify: {result.Problem}.", 1);
        }

        var kind = Enum.IsDefined((Vigil.Domain.Readings.MeasurementKind)reading.Kind) ? ((Vigil.Domain.Readings.MeasurementKind)reading.Kind).ToString() : $"kind {reading.Kind}";
        context.Console.MarkupLineInterpolated(
            $"[green]Verified:[/] reading {reading.Index} of {proof.Subject} ({kind}, measured {Time(reading.At)}) is in entry {proof.LeafIndex} of the ledger checkpointed at size {proof.TreeSize}, {Status(reading.Status)} at ingest.");
        foreach (var revision in result.Revisions)
        {
            context.Console.MarkupLineInterpolated(
                $"  verdict {revision.Version}: {Status(revision.Status)} ({revision.Cause}) at {Time(revision.DecidedAt)}, entry {revision.LeafIndex}.");
        }

        context.Console.MarkupLine("Its values are sealed: the proof shows what was recorded and when, not the values.");
        return 0;
    }

    private static string Status(int status) =>
        Enum.IsDefined((Vigil.Domain.Verification.VerdictStatus)status) ? ((Vigil.Domain.Verification.VerdictStatus)status).ToString() : $"status {status}";

    private static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("u", CultureInfo.InvariantCulture);
}

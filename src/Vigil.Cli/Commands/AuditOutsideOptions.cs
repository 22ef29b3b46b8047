using System.CommandLine;
using System.Security.Cryptography;
using Spectre.Console;
using Vigil.Platform.Audit;
using Vigil.Record.Witness;

namespace Vigil.Cli.Commands;

/// <summary>
/// The options of <c>vigil audit verify</c> that hold the record against a checkpoint kept outside
/// it (<c>--checkpoint</c>, <c>--published</c>, <c>--witness</c>) and check the cosignatures the
/// data folder keeps (<c>--witness-key</c>).
/// </summary>
internal sealed class AuditOutsideOptions
{
    private readonly Option<FileInfo[]> _checkpoint = new("--checkpoint") { Description = "A checkpoint of this log saved outside the record; repeatable." };
    private readonly Option<DirectoryInfo?> _published = new("--published") { Description = "A publish directory (Vigil:Checkpoints:PublishDirectory): its latest checkpoint." };
    private readonly Option<Uri[]> _witness = WebAddressOption.Many("--witness", "A witness URL: the checkpoint it last cosigned for this log; repeatable.");
    private readonly Option<string[]> _witnessKey = new("--witness-key") { Description = "A witness vkey whose cosignatures must verify; repeatable." };

    public void AddTo(Command command)
    {
        command.Options.Add(_checkpoint);
        command.Options.Add(_published);
        command.Options.Add(_witness);
        command.Options.Add(_witnessKey);
    }

    /// <summary>Runs the checks, prints what does not hold; false if anything does not.</summary>
    public async Task<bool> CheckAsync(CliContext context, ParseResult parse, RecordAuditing auditing, ECDsa key, string origin, string dataFolder)
    {
        var witnesses = new List<CosignerKey>();
        foreach (var vkey in parse.GetValue(_witnessKey) ?? [])
        {
            if (CosignerKey.Parse(vkey, out var error) is not { } parsed)
            {
                context.Fail($"--witness-key: {error}.", 2);
                return false;
            }

            witnesses.Add(parsed);
        }

        var cosigned = new CosignedCheckpoints(dataFolder);
        var notes = new List<(string From, string Note, IReadOnlyList<CosignerKey> Required)>();
        try
        {
            notes.AddRange((parse.GetValue(_checkpoint) ?? []).Select(f => (f.FullName, InputFiles.Text(f), (IReadOnlyList<CosignerKey>)witnesses)));
            if (parse.GetValue(_published) is { } published)
            {
                notes.Add((published.FullName, CheckpointFetch.FromPublished(published), witnesses));
            }

            using var fetch = new CheckpointFetch(null);
            foreach (var witness in parse.GetValue(_witness) ?? [])
            {
                // A witness's copy carries its own cosignature, not necessarily the others'.
                var note = await fetch.FromWitnessAsync(witness, origin, CancellationToken.None);
                var text = Cosignature.BodyOf(note) ?? string.Empty;
                var own = witnesses.Where(w => Cosignature.Verify(w, text, note) is not null).ToList();
                notes.Add((witness.ToString(), note, own.Count > 0 || witnesses.Count == 0 ? own : witnesses));
            }

            if ((parse.GetValue(_witness) ?? []).Length == 0)
            {
                foreach (var (url, witnessKey) in cosigned.Known())
                {
                    try
                    {
                        notes.Add((url.ToString(), await fetch.FromWitnessAsync(url, origin, CancellationToken.None), [witnessKey]));
                    }
                    catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
                    {
                        context.Console.MarkupLineInterpolated($"[yellow]Witness {witnessKey.Name} ({url}) has cosigned no checkpoint of this log yet.[/]");
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        context.Console.MarkupLineInterpolated($"[yellow]Witness {witnessKey.Name} ({url}) could not be reached ({e.Message}); the record was not held against its checkpoint.[/]");
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or TaskCanceledException)
        {
            context.Fail($"Cannot read the outside checkpoint: {e.Message}", 1);
            return false;
        }

        var findings = notes.SelectMany(n => auditing.CheckOutside(n.Note, key, origin, n.Required).Select(f => $"{n.From}: {f}")).ToList();
        findings.AddRange(auditing.CheckCosigned(key, origin, witnesses));
        foreach (var finding in findings)
        {
            context.Console.MarkupLineInterpolated($"[red]{finding}[/]");
        }

        if (notes.Count > 0 && findings.Count == 0)
        {
            context.Console.MarkupLineInterpolated($"The record is consistent with {notes.Count} outside checkpoint(s): {string.Join(", ", notes.Select(n => n.From))}.");
        }

        return findings.Count == 0;
    }
}

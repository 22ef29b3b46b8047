using System.CommandLine;
using Vigil.Record.Witness;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil serve --witness URL=VKEY</c> (repeatable; <c>Vigil:Witnesses</c>) and
/// <c>--publish-checkpoints DIR</c> (<c>Vigil:Checkpoints:PublishDirectory</c>) and
/// <c>--publish-url URL</c> (<c>Vigil:Checkpoints:PublishUrl</c>).
/// </summary>
internal sealed class ServeWitnessOptions
{
    private readonly Option<string[]> _witness = new("--witness")
    {
        Description = "A C2SP witness to ask for cosignatures: URL=VKEY (the vkey that `vigil witness key` prints); repeatable.",
        CustomParser = result =>
        {
            foreach (var token in result.Tokens)
            {
                var at = token.Value.IndexOf('=', StringComparison.Ordinal);
                if (at <= 0 || !Uri.TryCreate(token.Value[..at], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    result.AddError($"--witness takes URL=VKEY with an http(s) URL, not '{token.Value}'.");
                }
                else if (CosignerKey.Parse(token.Value[(at + 1)..], out var error) is null)
                {
                    result.AddError($"--witness {token.Value[..at]}: {error}.");
                }
            }

            return [.. result.Tokens.Select(t => t.Value)];
        },
    };

    private readonly Option<DirectoryInfo?> _publish = new("--publish-checkpoints") { Description = "Write every checkpoint to DIR/checkpoint and DIR/checkpoints/SIZE." };

    private readonly Option<Uri?> _publishUrl = WebAddressOption.One("--publish-url", "PUT every checkpoint to URL/checkpoints/SIZE and URL/checkpoint (a bearer token, if needed, from Vigil__Checkpoints__PublishToken).");

    public void AddTo(Command command)
    {
        command.Options.Add(_witness);
        command.Options.Add(_publish);
        command.Options.Add(_publishUrl);
    }

    public void AddOverrides(ParseResult parse, Dictionary<string, string?> overrides)
    {
        var witnesses = parse.GetValue(_witness) ?? [];
        for (var i = 0; i < witnesses.Length; i++)
        {
            var at = witnesses[i].IndexOf('=', StringComparison.Ordinal);
            overrides[$"Vigil:Witnesses:{i}:Url"] = witnesses[i][..at];
            overrides[$"Vigil:Witnesses:{i}:Vkey"] = witnesses[i][(at + 1)..];
        }

        if (parse.GetValue(_publish) is { } publish)
        {
            overrides["Vigil:Checkpoints:PublishDirectory"] = publish.FullName;
        }

        if (parse.GetValue(_publishUrl) is { } url)
        {
            overrides["Vigil:Checkpoints:PublishUrl"] = url.ToString();
        }
    }
}

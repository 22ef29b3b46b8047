using System.CommandLine;

namespace Vigil.Cli.Commands;

/// <summary>The <c>--server</c> option of commands that send to a running Vigil: an <c>mqtts://HOST:PORT</c> address.</summary>
internal static class ServerAddressOption
{
    /// <summary>The option, parsed and checked (a malformed address is a usage error, not a crash).</summary>
    public static Option<Uri> Create(string description) => new("--server")
    {
        Description = description,
        DefaultValueFactory = _ => new Uri("mqtts://127.0.0.1:8883"),
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == "mqtts" && uri.Host.Length > 0)
            {
                return uri;
            }

            result.AddError($"--server must be an address like mqtts://127.0.0.1:8883, not '{text}'.");
            return null;
        },
    };
}

using System.CommandLine;
using System.CommandLine.Parsing;

namespace Vigil.Cli.Commands;

/// <summary>Options that take http(s) addresses (a Vigil server, a witness), parsed and checked: a malformed address is a usage error.</summary>
internal static class WebAddressOption
{
    /// <summary>One address, or null when the option is not given.</summary>
    public static Option<Uri?> One(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => Parse(result, name).FirstOrDefault(),
    };

    /// <summary>The option repeated: every address given.</summary>
    public static Option<Uri[]> Many(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => [.. Parse(result, name)],
    };

    private static List<Uri> Parse(ArgumentResult result, string name)
    {
        var addresses = new List<Uri>();
        foreach (var token in result.Tokens)
        {
            if (Uri.TryCreate(token.Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0)
            {
                addresses.Add(uri);
            }
            else
            {
                result.AddError($"{name} must be an address like https://127.0.0.1:8443, not '{token.Value}'.");
            }
        }

        return addresses;
    }
}

using System.CommandLine;
using System.Text.RegularExpressions;

namespace Vigil.Cli;

/// <summary>
/// Usage errors in words and with exit code 2: what the parser says, without .NET type names, and
/// counts, limits and durations that must be more than zero refused before a command runs.
/// </summary>
internal static partial class UsageErrors
{
    private static readonly HashSet<string> Positive = new(StringComparer.Ordinal)
    {
        "--limit", "--patients", "--entries", "--days", "--speed", "--duration", "--within", "--valid-days", "--hostile-duration",
    };

    /// <summary>Adds the more-than-zero rule to every such option of the command and its subcommands.</summary>
    public static void RefuseNonPositive(Command command)
    {
        foreach (var option in command.Options.Where(o => Positive.Contains(o.Name)))
        {
            option.Validators.Add(result =>
            {
                if (result.Implicit || result.Tokens.Count == 0)
                {
                    return;
                }

                object? value;
                try
                {
                    value = result.GetValueOrDefault<object?>();
                }
                catch (InvalidOperationException)
                {
                    // Not a value of the option's kind at all: the parser reports that itself.
                    return;
                }

                var bad = value switch
                {
                    int i => i <= 0,
                    long l => l <= 0,
                    double d => !(d > 0),
                    TimeSpan t => t <= TimeSpan.Zero,
                    _ => false,
                };
                if (bad)
                {
                    result.AddError($"{option.Name} must be more than zero.");
                }
            });
        }

        foreach (var sub in command.Subcommands)
        {
            RefuseNonPositive(sub);
        }
    }

    /// <summary>Prints the parse errors in words and returns 2; or returns null when there are none.</summary>
    public static int? Report(ParseResult parse, CliContext context)
    {
        if (parse.Errors.Count == 0)
        {
            return null;
        }

        foreach (var error in parse.Errors)
        {
            context.Fail(Plain(error.Message), ExitCodes.Usage);
        }

        return ExitCodes.Usage;
    }

    // "as expected type 'System.Int32'" says what a person must type instead.
    internal static string Plain(string message) => TypeName().Replace(message, m => m.Groups[1].Value switch
    {
        "Int32" or "Int64" or "UInt64" => "as a whole number",
        "Double" => "as a number",
        "TimeSpan" => "as a duration such as 00:05:00",
        "DateTimeOffset" or "DateTime" => "as a time such as 2026-12-06T10:00:00Z",
        "Boolean" => "as true or false",
        _ => "as a value of the right kind",
    });

    [GeneratedRegex(@"as expected type '(?:System\.)?(?:Nullable`1\[)?(?:System\.)?(\w+)\]?'")]
    private static partial Regex TypeName();
}

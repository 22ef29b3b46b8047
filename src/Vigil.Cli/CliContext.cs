using Spectre.Console;

namespace Vigil.Cli;

/// <summary>What every command gets: where to write and what time it is.</summary>
/// <param name="Console">The terminal.</param>
/// <param name="Time">The clock.</param>
internal sealed record CliContext(IAnsiConsole Console, TimeProvider Time)
{
    /// <summary>The passphrase protecting the key store, from the environment (never a flag, so it stays out of shell history).</summary>
    public static string? KeyPassphrase => Environment.GetEnvironmentVariable("VIGIL_KEY_PASSPHRASE");

    /// <summary>Who acts at the command line, for the record: the operating-system user holding the data folder.</summary>
    public static string Operator => $"cli:{Environment.UserName}";

    /// <summary>Prints an error the way every command does.</summary>
    public int Fail(string message, int exitCode = 1)
    {
        Console.MarkupLineInterpolated($"[red]error:[/] {message}");
        return exitCode;
    }
}

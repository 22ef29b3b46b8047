using Spectre.Console;
using Vigil.Platform.UseCases;

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

    /// <summary>
    /// Prints a use case's refusal, in <paramref name="message"/>'s words if given (else its own,
    /// with a full stop), and exits as the README says: 2 for what is not well formed, 5 for what
    /// is not found, 3 for what may not be done.
    /// </summary>
    public int Fail(Refusal refusal, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return Fail(message ?? refusal.Message + ".", refusal.Kind switch
        {
            RefusalKind.Invalid => ExitCodes.Usage,
            RefusalKind.NotFound => ExitCodes.NotFound,
            _ => ExitCodes.NotAllowed,
        });
    }
}

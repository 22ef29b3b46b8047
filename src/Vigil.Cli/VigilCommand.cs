using System.CommandLine;
using System.Security.Cryptography;
using Spectre.Console;
using Vigil.Cli.Commands;
using Vigil.Identity.Keys;

namespace Vigil.Cli;

/// <summary>The <c>vigil</c> command line: the root command and its verbs.</summary>
internal static class VigilCommand
{
    /// <summary>The folder holding Vigil's state when neither <c>--data</c> nor VIGIL_DATA says otherwise.</summary>
    public const string DefaultDataFolder = ".vigil";

    /// <summary>Parses and runs a command line; returns the exit code.</summary>
    public static int Run(string[] args, IAnsiConsole console, TimeProvider time)
    {
        var context = new CliContext(console, time);
        var data = new Option<DirectoryInfo>("--data", "-d")
        {
            Description = "The data folder (default: $VIGIL_DATA, else ./.vigil).",
            Recursive = true,
            DefaultValueFactory = _ => new DirectoryInfo(Environment.GetEnvironmentVariable("VIGIL_DATA") is { Length: > 0 } env ? env : DefaultDataFolder),
        };
        var root = new RootCommand("Vigil: zero-trust telemetry for medical IoT. Every reading authenticated end to end, verified and accounted for.");
        root.Options.Add(data);
        root.Subcommands.Add(VersionCommand.Create(context));
        root.Subcommands.Add(InitCommand.Create(context, data));
        root.Subcommands.Add(DeviceCommand.Create(context, data));
        root.Subcommands.Add(PatientCommand.Create(context, data));
        root.Subcommands.Add(RelayCommand.Create(context, data));
        root.Subcommands.Add(EventsCommand.Create(context, data));
        root.Subcommands.Add(ReadingsCommand.Create(context, data));
        root.Subcommands.Add(AlertCommand.Create(context, data));
        root.Subcommands.Add(IncidentsCommand.Create(context, data));
        root.Subcommands.Add(RecallCommand.Create(context, data));
        root.Subcommands.Add(FirmwareCommand.Create(context, data));
        root.Subcommands.Add(ServeCommand.Create(context, data));
        root.Subcommands.Add(SimulateCommand.Create(context, data));
        root.Subcommands.Add(AuditCommand.Create(context, data));
        root.Subcommands.Add(WitnessCommand.Create(context));
        root.Subcommands.Add(KeysCommand.Create(context, data));
        root.Subcommands.Add(UserCommand.Create(context, data));
        root.Subcommands.Add(TeamCommand.Create(context, data));
        root.Subcommands.Add(AccessCommand.Create(context, data));
        root.Subcommands.Add(AccessCommand.BreakGlass(context, data));
        root.Subcommands.Add(AttackCommand.Create(context, data));
        root.Subcommands.Add(BenchCommand.Create(context, data));
        root.Subcommands.Add(DemoCommand.Create(context, data));

        var output = new AnsiWriter(console);
        try
        {
            UsageErrors.RefuseNonPositive(root);
            var parse = root.Parse(args);
            return UsageErrors.Report(parse, context)
                ?? parse.Invoke(new InvocationConfiguration { Output = output, Error = output, EnableDefaultExceptionHandler = false });
        }
        catch (KeyUnavailableException e)
        {
            return context.Fail(e.Message, ExitCodes.KeyUnavailable);
        }
        catch (InputFileException e)
        {
            return context.Fail(e.Message, e.ExitCode);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return context.Fail($"no such file: {e.Message}", ExitCodes.NotFound);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or InvalidDataException or ArgumentException)
        {
            return context.Fail(e.Message);
        }
    }
}

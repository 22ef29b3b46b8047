using System.CommandLine;
using System.Reflection;
using Spectre.Console;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil version</c>: the version of Vigil and of the protocol it speaks.</summary>
internal static class VersionCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("version", "Show Vigil's version, its protocol version and the runtime.");
        command.SetAction(_ =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            context.Console.MarkupLineInterpolated($"vigil {version.Split('+')[0]}");
            context.Console.MarkupLineInterpolated($"sealed-batch protocol v{Protocol.HeaderLabels.CurrentVersion}");
            context.Console.MarkupLineInterpolated($".NET {Environment.Version}");
            return 0;
        });
        return command;
    }
}

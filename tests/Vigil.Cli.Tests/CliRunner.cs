using Microsoft.Extensions.Time.Testing;
using Spectre.Console;

namespace Vigil.Cli.Tests;

/// <summary>Runs the vigil command in-process against a temporary data folder and captures what it prints.</summary>
public sealed class CliRunner : IDisposable
{
    public string DataFolder { get; } = Path.Combine(Directory.CreateTempSubdirectory("vigil-cli-").FullName, "data");

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public (int ExitCode, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var code = VigilCommand.Run([.. args, "--data", DataFolder], console, Time);
        return (code, writer.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(DataFolder)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

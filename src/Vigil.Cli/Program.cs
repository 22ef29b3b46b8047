using Spectre.Console;
using Vigil.Cli;

// Output read by another program (a pipe, a file, a service log) is not wrapped at a terminal's
// width: a vkey, a URL or an error stays on its line.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Console.Profile.Width = 1000;
}

return VigilCommand.Run(args, AnsiConsole.Console, TimeProvider.System);

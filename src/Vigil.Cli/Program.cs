using Spectre.Console;
using Vigil.Cli;

return VigilCommand.Run(args, AnsiConsole.Console, TimeProvider.System);

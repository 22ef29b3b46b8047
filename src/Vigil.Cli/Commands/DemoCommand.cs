using System.CommandLine;
using Spectre.Console;
using Vigil.Cli.Showcase;
using Vigil.Identity.Provisioning;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil demo</c>: the showcase of the sealed-batch protocol against a simulated fleet and a hostile relay.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command(
            "demo",
            "Initialise if needed, mint one simulated device per sensor kind, seal and open their batches, and show tampering, replay, forgery and junk being rejected.");
        command.SetAction(parse =>
        {
            var folder = new DataFolder(parse.GetValue(data)!.FullName);
            var created = folder.Initialize(context.Time, CliContext.KeyPassphrase);
            if (created.Count > 0)
            {
                InitCommand.Report(context, folder, created);
            }

            var rows = ShowcaseRun.Run(folder, context.Time);
            Print(context.Console, rows);
            var failed = rows.Count(r => !r.AsExpected);
            if (failed > 0)
            {
                return context.Fail($"{failed} step(s) did not turn out as Vigil requires.");
            }

            context.Console.MarkupLineInterpolated($"[green]All {rows.Count} steps turned out as required[/]: genuine batches accepted once, every attack rejected with its reason.");
            return 0;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, IReadOnlyList<ShowcaseRow> rows)
    {
        var table = new Table().Title("Vigil sealed-batch showcase").AddColumns("#", "threat", "scenario", "device", "outcome", "detail");
        var n = 0;
        foreach (var row in rows)
        {
            var outcome = row.AsExpected
                ? $"[{(row.Outcome == "accepted" ? "green" : "yellow")}]{Markup.Escape(row.Outcome)}[/]"
                : $"[red]{Markup.Escape(row.Outcome)} (required: {Markup.Escape(row.Expected)})[/]";
            table.AddRow((++n).ToString(), row.Threat, Markup.Escape(row.Scenario), Markup.Escape(row.Device), outcome, Markup.Escape(row.Detail));
        }

        console.Write(table);
    }
}

using System.Globalization;
using Spectre.Console;
using Vigil.Simulator.Attacks;

namespace Vigil.Cli.Attacks;

/// <summary>Runs attack scenarios one after another against a target and prints the scorecard.</summary>
internal static class AttackLabRun
{
    /// <summary>Runs the scenarios, each with its own session, and prints what became of each.</summary>
    public static async Task<IReadOnlyList<AttackOutcome>> RunAsync(
        IAnsiConsole console, IAttackTarget target, IReadOnlyList<AttackScenario> scenarios, TimeSpan bound, CancellationToken cancellation)
    {
        var outcomes = new List<AttackOutcome>();
        foreach (var scenario in scenarios)
        {
            console.MarkupLineInterpolated($"[grey]{scenario.Id}:[/] {scenario.Title} ...");
            await using var session = new AttackSession(target, bound, cancellation);
            try
            {
                outcomes.Add(await scenario.RunAsync(session));
            }
            catch (AttackSetupException e)
            {
                outcomes.Add(new AttackOutcome(scenario.Id, scenario.Title, false, null, $"could not run: {e.Message}"));
            }
        }

        Print(console, outcomes);
        return outcomes;
    }

    private static void Print(IAnsiConsole console, List<AttackOutcome> outcomes)
    {
        var table = new Table().Title("attack lab").AddColumns("threat", "scenario", "detected", "time to detect", "evidence");
        foreach (var o in outcomes)
        {
            table.AddRow(
                Markup.Escape(o.Threat), Markup.Escape(o.ScenarioId), o.Detected ? "[green]yes[/]" : "[red]NO[/]",
                o.TimeToDetect is { } t ? t.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture) : "-", Markup.Escape(o.Evidence));
        }

        console.Write(table);
        console.MarkupLineInterpolated($"{outcomes.Count(o => o.Detected)} of {outcomes.Count} attacks detected.");
    }
}

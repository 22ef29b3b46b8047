using System.CommandLine;
using Spectre.Console;
using Vigil.Cli.Attacks;
using Vigil.Identity.Provisioning;
using Vigil.Platform;
using Vigil.Record;
using Vigil.Server.Access;
using Vigil.Simulator.Attacks;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil attack list|run</c>: the attack lab, scripted attacks of the threat catalogue against a running Vigil.</summary>
internal static class AttackCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command("attack", "The attack lab: scripted attacks of the threat catalogue, run against a running Vigil on this machine.");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Run(context, data));
        command.Subcommands.Add(Scorecard(context));
        return command;
    }

    private static Command List(CliContext context)
    {
        var list = new Command("list", "List the attack scenarios and what Vigil must do about each.");
        list.SetAction(_ =>
        {
            var table = new Table().AddColumns("scenario", "the attack", "what Vigil must do");
            foreach (var s in AttackCatalog.All)
            {
                table.AddRow(Markup.Escape(s.Id), Markup.Escape(s.Title), Markup.Escape(s.Expectation));
            }

            context.Console.Write(table);
            return 0;
        });
        return list;
    }

    private static Command Run(CliContext context, Option<DirectoryInfo> data)
    {
        var names = new Argument<string[]>("scenario") { Description = "Scenario ids (T06-flatline) or threats (T06); none runs every scenario.", Arity = ArgumentArity.ZeroOrMore };
        var server = ServerAddressOption.Create("The running Vigil's MQTT address.");
        var within = new Option<TimeSpan>("--within") { Description = "How long each scenario waits for Vigil to detect it.", DefaultValueFactory = _ => TimeSpan.FromSeconds(30) };
        var run = new Command(
            "run",
            "Run scenarios against the Vigil serving this data folder: each admits its own patient and devices, sends a genuine history, attacks, and waits for the evidence. Exits 1 if any attack went undetected.")
        {
            names, server, within,
        };
        run.SetAction(async (parse, cancellation) =>
        {
            var folder = new DataFolder(parse.GetValue(data)!.FullName);
            if (!folder.IsInitialized)
            {
                return context.Fail($"{folder.Root} is not initialised; run 'vigil init' and 'vigil serve' first.", 2);
            }

            var selected = new List<AttackScenario>();
            foreach (var name in parse.GetValue(names) ?? [])
            {
                var matched = AttackCatalog.Select(name);
                if (matched.Count == 0)
                {
                    return context.Fail($"no scenario '{name}'; 'vigil attack list' shows them.", 2);
                }

                selected.AddRange(matched.Where(m => !selected.Contains(m)));
            }

            if (selected.Count == 0)
            {
                selected.AddRange(AttackCatalog.All);
            }

            var bound = parse.GetValue(within);
            if (bound <= TimeSpan.Zero || bound > TimeSpan.FromMinutes(10))
            {
                return context.Fail("--within must be more than zero and at most 00:10:00.", 2);
            }

            var uri = parse.GetValue(server)!;
            await using var platform = PlatformSession.Open(folder, RecordStore.Open(folder, CliContext.KeyPassphrase, context.Time), StaffPasswordHasher.Instance, context.Time);
            var target = await RecordAttackTarget.CreateAsync(folder, platform.Services, uri.Host, uri.Port > 0 ? uri.Port : 8883, context.Time, CliContext.KeyPassphrase);
            var outcomes = await AttackLabRun.RunAsync(context.Console, target, selected, bound, cancellation);
            return outcomes.All(o => o.Detected) ? 0 : 1;
        });
        return run;
    }

    private static Command Scorecard(CliContext context)
    {
        var patients = new Option<int>("--patients") { Description = "Clean simulated patients sending alongside the attacks.", DefaultValueFactory = _ => 5 };
        var within = new Option<TimeSpan>("--within") { Description = "How long each scenario waits for Vigil to detect it.", DefaultValueFactory = _ => TimeSpan.FromSeconds(30) };
        var scorecard = new Command(
            "scorecard",
            "Run every scenario against a fresh embedded Vigil (temporary folder, free 127.0.0.1 ports) with a clean simulated fleet alongside, and report per threat whether it was detected and how fast, and the false alarms the clean fleet raised. Exits 1 unless every attack is detected and there is no false alarm.")
        {
            patients, within,
        };
        scorecard.SetAction((parse, cancellation) =>
        {
            var count = parse.GetValue(patients);
            var bound = parse.GetValue(within);
            return count is < 1 or > 200 || bound <= TimeSpan.Zero || bound > TimeSpan.FromMinutes(10)
                ? Task.FromResult(context.Fail("--patients must be 1 to 200 and --within more than zero and at most 00:10:00.", 2))
                : AttackScorecard.RunAsync(context, count, bound, cancellation);
        });
        return scorecard;
    }
}

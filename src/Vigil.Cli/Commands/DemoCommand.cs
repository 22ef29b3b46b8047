using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Vigil.Cli.Attacks;
using Vigil.Cli.Showcase;
using Vigil.Cli.Simulation;
using Vigil.Domain.Security;
using Vigil.Identity.Provisioning;
using Vigil.Platform.Access;
using Vigil.Platform.Devices;
using Vigil.Platform.Queries;
using Vigil.Server.Hosting;
using Vigil.Simulator.Attacks;
using Vigil.Simulator.Fleet;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil demo</c>: first the protocol showcase (genuine batches accepted, attacks refused),
/// then <c>vigil serve</c> with a simulated fleet sending to it live, until Ctrl-C or the duration.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var ports = new ServerPortOptions();
        var patients = new Option<int>("--patients") { Description = "Simulated patients.", DefaultValueFactory = _ => 50 };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second.", DefaultValueFactory = _ => 60 };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this real time (default: run until Ctrl-C), e.g. 00:00:30." };
        var command = new Command(
            "demo",
            "See Vigil work: initialise if needed, show sealed batches accepted and attacks on them refused, then serve with a simulated fleet of patients sending through home hubs, live, an attack from the lab every minute, and the console with one account per role.")
        {
            patients, speed, duration,
        };
        ports.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var folder = new DataFolder(parse.GetValue(data)!.FullName);
            var created = folder.Initialize(context.Time, CliContext.KeyPassphrase);
            if (created.Count > 0)
            {
                InitCommand.Report(context, folder, created);
            }

            var rows = ShowcaseRun.Run(folder, context.Time);
            Print(context.Console, rows);
            if (rows.Any(r => !r.AsExpected))
            {
                return context.Fail($"{rows.Count(r => !r.AsExpected)} step(s) did not turn out as Vigil requires.");
            }

            context.Console.MarkupLineInterpolated($"[green]All {rows.Count} steps turned out as required[/]: genuine batches accepted once, every attack rejected with its reason.");
            var app = ServeCommand.TryBuild(context, ports.Overrides(parse, parse.GetValue(data)!), out var failure);
            if (app is null)
            {
                return failure;
            }

            await using (app)
            {
                await app.StartAsync(cancellation);
                var options = app.Options<Server.Gateway.ListenerOptions>();
                // A second demo on the same folder goes on from where the first one's fleet stopped.
                var mark = FleetClockMark.InDataFolder(folder.Root, parse.GetValue(speed));
                var clock = SimulatedClock.Resuming(mark, context.Time.GetUtcNow(), parse.GetValue(speed), SimulatedClock.DefaultHistory, TimeSpan.Zero);
                context.Console.MarkupLineInterpolated($"[green]Vigil is up[/] on mqtts://{options.ListenAddress}:{options.MqttPort}; the attack lab now plays each scripted attack against it:");
                var target = await RecordAttackTarget.CreateAsync(folder, app.Services, options.ListenAddress, options.MqttPort, context.Time, CliContext.KeyPassphrase);
                var attacks = await AttackLabRun.RunAsync(context.Console, target, AttackCatalog.All, TimeSpan.FromSeconds(30), cancellation);
                if (attacks.Any(a => !a.Detected))
                {
                    await app.StopAsync(CancellationToken.None);
                    return context.Fail($"{attacks.Count(a => !a.Detected)} attack(s) went undetected.");
                }

                var directory = app.Services.GetRequiredService<StaffDirectory>();
                var patientViews = app.Services.GetRequiredService<PatientViews>();
                var administration = app.Services.GetRequiredService<StaffAdministration>();
                var fleet = await FleetProvisioning.ProvisionAsync(folder, app.Services, Math.Clamp(parse.GetValue(patients), 1, 1000), clock, context.Time, CliContext.KeyPassphrase);
                await app.Services.GetRequiredService<RegistryCache>().InvalidateAsync();
                var staff = await DemoStaff.ResetAsync(administration);
                await DemoStaff.CareForEveryoneAsync(administration, directory, patientViews);
                PrintConsole(context.Console, $"https://{options.ListenAddress}:{options.HttpsPort}/", staff, folder);
                context.Console.MarkupLineInterpolated(
                    $"[green]Vigil is serving[/] mqtts://{options.ListenAddress}:{options.MqttPort} and https://{options.ListenAddress}:{options.HttpsPort}; {fleet.Count} simulated patients at {clock.Speed}x are sending, and an attack from the lab runs every minute. Ctrl-C stops.");
                var runner = new FleetRunner(fleet, clock, new FleetEndpoint(options.ListenAddress, options.MqttPort, folder.PlatformCaCertificate, options.HttpsPort), mark);
                var attacker = new DemoAttacks(target, administration, directory, patientViews, context.Time);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                if (parse.GetValue(duration) is { } limit)
                {
                    stop.CancelAfter(limit);
                }

                var attacking = attacker.RunAsync(stop.Token);
                await FleetProgress.ShowAsync(context.Console, runner.Stats, runner.RunAsync(stop.Token), () => $"attack lab: {attacker.Counts.Detected} of {attacker.Counts.Run} detected; latest {attacker.Latest}");
                await attacking;
                var (batches, events) = await app.Services.GetRequiredService<FleetViews>().CountsAsync();
                var cloneIncidents = (await app.Services.GetRequiredService<SecurityViews>().IncidentsAsync(limit: 100_000))
                    .Count(i => i.Kind == IncidentKind.Clone && i.DeviceId?.Value.StartsWith("sim-", StringComparison.Ordinal) == true);
                context.Console.MarkupLineInterpolated($"The simulated hubs {FleetProgress.Roaming(runner.Stats)}; clone incidents on simulated devices: {cloneIncidents}.");
                context.Console.MarkupLineInterpolated($"The record holds {batches} batches and {events} security events. Explore with 'vigil device list', 'vigil events', or run 'vigil serve' and 'vigil simulate' yourself.");
                await app.StopAsync(CancellationToken.None);
            }

            return 0;
        });
        return command;
    }

    private static void PrintConsole(IAnsiConsole console, string url, IReadOnlyList<(Domain.Access.StaffRole Role, string User, string Password)> staff, DataFolder folder)
    {
        var table = new Table().Title($"The console: {url}").AddColumns("role", "user", "password (this run)", "sees");
        foreach (var (role, user, password) in staff)
        {
            table.AddRow(role.ToString(), user, password, role switch
            {
                Domain.Access.StaffRole.Clinician => "the demo ward's patients, charts, alerts",
                Domain.Access.StaffRole.Analyst => "fleet, events, incidents, recalls, ledger",
                _ => "users, care teams, the fleet",
            });
        }

        console.Write(table);
        console.MarkupLineInterpolated(
            $"The console's certificate is issued by this folder's development CA: accept it in the browser, or trust {folder.Root}/pki/platform-ca.crt.");
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

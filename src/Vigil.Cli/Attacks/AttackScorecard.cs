using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Vigil.Cli.Commands;
using Vigil.Cli.Simulation;
using Vigil.Domain.Security;
using Vigil.Domain.Verification;
using Vigil.Identity.Provisioning;
using Vigil.Platform.Devices;
using Vigil.Record;
using Vigil.Record.Events;
using Vigil.Record.Readings;
using Vigil.Simulator.Attacks;
using Vigil.Simulator.Fleet;

namespace Vigil.Cli.Attacks;

/// <summary>
/// <c>vigil attack scorecard</c>: every scenario against a fresh embedded Vigil (a temporary data
/// folder, free 127.0.0.1 ports) while a clean simulated fleet sends alongside, then what the
/// clean fleet wrongly raised: security events, incidents, readings not Verified, alerts on
/// untrusted data.
/// </summary>
internal static class AttackScorecard
{
    // The run lasts seconds, a few simulated minutes at 60x: the clean hubs move every 30 simulated
    // seconds so that the clone rules meet roaming hubs in every run, not only in runs that happen to
    // cross a ten-minute boundary.
    private static readonly TimeSpan ScorecardRoamPeriod = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(CliContext context, int patients, TimeSpan within, CancellationToken cancellation)
    {
        var root = Directory.CreateTempSubdirectory("vigil-scorecard-").FullName;
        try
        {
            var folder = new DataFolder(root);
            folder.Initialize(context.Time, CliContext.KeyPassphrase);
            var ports = Enumerable.Range(0, 4).Select(_ => LoopbackPorts.Free()).ToArray();
            var overrides = new Dictionary<string, string?>
            {
                ["Vigil:DataFolder"] = root,
                ["Vigil:HttpsPort"] = Text(ports[0]),
                ["Vigil:MqttPort"] = Text(ports[1]),
                ["Vigil:SiloPort"] = Text(ports[2]),
                ["Vigil:OrleansGatewayPort"] = Text(ports[3]),
            };
            if (ServeCommand.TryBuild(context, overrides, out var failure) is not { } app)
            {
                return failure;
            }

            await using (app)
            {
                await app.StartAsync(cancellation);
                var record = app.Services.GetRequiredService<RecordStore>();
                var clock = SimulatedClock.CatchingUp(context.Time.GetUtcNow(), 60, SimulatedClock.DefaultHistory);
                var fleet = await FleetProvisioning.ProvisionAsync(folder, app.Services, patients, clock, context.Time, CliContext.KeyPassphrase);
                await app.Services.GetRequiredService<RegistryCache>().InvalidateAsync();
                var runner = new FleetRunner(fleet, clock, new FleetEndpoint("127.0.0.1", ports[1], folder.PlatformCaCertificate, ports[0], RoamPeriod: ScorecardRoamPeriod));
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                var clean = runner.RunAsync(stop.Token);
                context.Console.MarkupLineInterpolated($"A fresh Vigil on 127.0.0.1:{ports[1]} with {patients} clean simulated patients sending alongside the attacks:");
                var target = await RecordAttackTarget.CreateAsync(folder, app.Services, "127.0.0.1", ports[1], context.Time, CliContext.KeyPassphrase);
                var outcomes = await AttackLabRun.RunAsync(context.Console, target, AttackCatalog.All, within, cancellation);
                await stop.CancelAsync();
                await clean;
                var falseAlarms = await FalseAlarmsAsync(context.Console, record, runner.Stats);
                await app.StopAsync(CancellationToken.None);
                var met = outcomes.All(o => o.Detected) && falseAlarms == 0;
                context.Console.MarkupLine(met
                    ? "[green]Every attack detected; the clean fleet raised no false alarm.[/]"
                    : "[red]Not every attack was detected, or the clean fleet raised false alarms.[/]");
                return met ? 0 : 1;
            }
        }
        finally
        {
                        try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<long> FalseAlarmsAsync(IAnsiConsole console, RecordStore record, FleetStats stats)
    {
        static bool Clean(string? id) => id is not null && id.StartsWith("sim-", StringComparison.Ordinal);
        var events = (await record.Events.ListAsync(new EventQuery(Limit: 100_000))).Count(e => Clean(e.DeviceId) || e.Principal.Contains("sim-", StringComparison.Ordinal));
        var incidents = (await record.Trust.IncidentsAsync(limit: 100_000)).Count(i => Clean(i.DeviceId?.Value));
        var readings = (await record.Readings.QueryAsync(new ReadingQuery { Limit = 1_000_000 })).Where(r => Clean(r.DeviceId.Value)).ToList();
        var doubted = readings.Count(r => r.Verdict.Status != VerdictStatus.Verified);
        var alerts = (await record.Clinical.AlertsAsync(limit: 100_000)).Count(a => Clean(a.PatientId.Value) && a.Integrity != VerdictStatus.Verified);
        var table = new Table().Title("the clean fleet alongside").AddColumns("measure", "value");
        table.AddRow("batches stored (readings)", $"{stats.Stored:N0} ({readings.Count:N0})");
        table.AddRow("hubs roaming", Markup.Escape(FleetProgress.Roaming(stats)));
        table.AddRow("clone incidents on clean devices", Text((await record.Trust.IncidentsAsync(limit: 100_000)).Count(i => i.Kind == IncidentKind.Clone && Clean(i.DeviceId?.Value))));
        table.AddRow("security events on clean devices", Text(events));
        table.AddRow("incidents on clean devices", Text(incidents));
        table.AddRow("clean readings not Verified", Text(doubted));
        table.AddRow("alerts on unverified clean data", Text(alerts));
        console.Write(table);
        return events + incidents + doubted + alerts;
    }


    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}

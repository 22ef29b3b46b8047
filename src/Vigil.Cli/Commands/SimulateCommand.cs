using System.CommandLine;
using Spectre.Console;
using Vigil.Cli.Simulation;
using Vigil.Identity.Provisioning;
using Vigil.Platform.Devices;
using Vigil.Platform.Queries;
using Vigil.Simulator.Fleet;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil simulate</c>: a fleet of simulated patients sending to a running Vigil.</summary>
internal static class SimulateCommand
{
    private static readonly TimeSpan MaxClockBack = TimeSpan.FromDays(7);

    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var patients = new Option<int>("--patients") { Description = "Simulated patients (each with CGM, oximeter, cuff; some with ECG patch and breath mask).", DefaultValueFactory = _ => 10 };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second.", DefaultValueFactory = _ => 60 };
        var server = ServerAddressOption.Create("The platform's MQTT address.");
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this real time (default: run until Ctrl-C), e.g. 00:01:00." };
        var httpsPort = new Option<int>("--https-port") { Description = "The platform's HTTPS port, where some hubs fall back from MQTT now and then; 0 sends by MQTT only.", DefaultValueFactory = _ => 8443 };
        var noRoaming = new Option<bool>("--no-roaming") { Description = "Keep every hub on one address and on MQTT (by default hubs roam between loopback addresses when the server is on 127.0.0.1, and some fall back to HTTPS)." };
        var clockBack = new Option<TimeSpan>("--clock-back") { Description = "Set the devices' clocks back by this span on start, e.g. 03:00:00, to test T19: they keep their batch times monotonic, as the device SDK does, but date readings by the regressed clock. By default a restarted fleet goes on from where it stopped.", DefaultValueFactory = _ => TimeSpan.Zero };
        var command = new Command(
            "simulate",
            "Run simulated patients whose devices seal batches and send them through their home hubs over MQTT/TLS; hubs roam between addresses, some fall back to HTTPS, and they go offline now and then and backfill. Provisions the fleet in the data folder on first use.")
        {
            patients, speed, server, duration, httpsPort, noRoaming, clockBack,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var folder = new DataFolder(parse.GetValue(data)!.FullName);
            if (!folder.IsInitialized)
            {
                return context.Fail($"{folder.Root} is not initialised; run 'vigil init' first.", 2);
            }

            var count = parse.GetValue(patients);
            var back = parse.GetValue(clockBack);
            if (count is < 1 or > 10_000 || parse.GetValue(speed) is < 0.1 or > 100_000 || parse.GetValue(httpsPort) is < 0 or > 65_535
                || back < TimeSpan.Zero || back > MaxClockBack)
            {
                return context.Fail("--patients must be 1 to 10000, --speed 0.1 to 100000, --https-port 0 to 65535 and --clock-back 0 to 7.00:00:00.", 2);
            }

            var uri = parse.GetValue(server)!;
            FleetClockMark mark;
            try
            {
                mark = FleetClockMark.InDataFolder(folder.Root, parse.GetValue(speed));
            }
            catch (InvalidDataException e)
            {
                return context.Fail(e.Message, 2);
            }

            var clock = SimulatedClock.Resuming(mark, context.Time.GetUtcNow(), parse.GetValue(speed), SimulatedClock.DefaultHistory, back);
            IReadOnlyList<SimulatedPatient> fleet;
            bool changed;
            if (RecordAccess.OpenPlatform(context, parse.GetValue(data)!) is not { } platform)
            {
                return 2;
            }

            await using (platform)
            {
                var fleetViews = platform.Get<FleetViews>();
                var before = await fleetViews.RegistryVersionAsync();
                fleet = await FleetProvisioning.ProvisionAsync(folder, platform.Services, count, clock, context.Time, CliContext.KeyPassphrase);
                changed = await fleetViews.RegistryVersionAsync() != before;
            }

            if (changed)
            {
                // A running server sees registry changes within its change bound; connecting
                // sooner could have the new hubs refused as unknown (and raise security events).
                context.Console.MarkupLine("New devices and hubs enrolled; letting the server see them...");
                await Task.Delay(RegistryCache.ChangeBound, cancellation);
            }

            var runner = new FleetRunner(fleet, clock, new FleetEndpoint(
                uri.Host, uri.Port > 0 ? uri.Port : 8883, folder.PlatformCaCertificate, parse.GetValue(httpsPort) is > 0 and var https ? https : null, !parse.GetValue(noRoaming)), mark);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            if (parse.GetValue(duration) is { } limit)
            {
                stop.CancelAfter(limit);
            }

            context.Console.MarkupLineInterpolated($"Simulated time starts at {clock.Start:u}{(back > TimeSpan.Zero ? $", the devices' clocks set back {back}" : mark.Stored is null ? "" : ", where the fleet stopped")}.");
            context.Console.MarkupLineInterpolated($"Simulating {count} patients ({fleet.Sum(p => p.Devices.Count)} devices, {count} hubs) at {clock.Speed}x against {uri}. Ctrl-C stops.");
            var run = runner.RunAsync(stop.Token);
            await FleetProgress.ShowAsync(context.Console, runner.Stats, run);
            return 0;
        });
        return command;
    }
}

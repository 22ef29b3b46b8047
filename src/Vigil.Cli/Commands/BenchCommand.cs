using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Vigil.Cli.Bench;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil bench ingest|false-alarms</c>: whole-system throughput, latency, CPU and memory beside references measured in the same run.</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var devices = new Option<int>("--devices") { Description = "Concurrent sending devices.", DefaultValueFactory = _ => 50 };
        var batches = new Option<int>("--batches") { Description = "Batches per device in the peak phase.", DefaultValueFactory = _ => 1000 };
        var inflight = new Option<int>("--inflight") { Description = "Unacknowledged publishes per connection.", DefaultValueFactory = _ => 20 };
        var idle = new Option<int>("--idle") { Description = "Idle connections for the memory measurement (0 skips it).", DefaultValueFactory = _ => 10_000 };
        var noMosquitto = new Option<bool>("--no-mosquitto") { Description = "Skip the mosquitto reference." };
        var noUnverified = new Option<bool>("--no-unverified") { Description = "Skip the Vigil run with verification off." };
        var noUnprotected = new Option<bool>("--no-unprotected") { Description = "Skip the Vigil run without encryption at rest and the ledger." };
        var hostile = new Option<int>("--hostile") { Description = "Instead of the references: N hostile connections sending malformed MQTT and mutated envelopes at full speed beside the honest devices at half their peak rate." };
        var hostileDuration = new Option<TimeSpan>("--hostile-duration") { Description = "How long the honest devices run beside the hostile connections, in windows alternating with as long alone (RSS reported every minute).", DefaultValueFactory = _ => TimeSpan.FromMinutes(1) };
        var ingest = new Command(
            "ingest",
            "Start vigil serve in a child process on 127.0.0.1, load it over MQTT/TLS with batches sealed beforehand, and report throughput, ack latency, CPU per batch and RSS beside the crypto floor, the same Vigil with verification off and without encryption at rest and the ledger, and mosquitto relaying the same bytes.")
        {
            devices, batches, inflight, idle, noMosquitto, noUnverified, noUnprotected, hostile, hostileDuration,
        };
        ingest.SetAction(async (parse, cancellation) =>
        {
            if (parse.GetValue(hostile) is > 0 and var n)
            {
                var span = parse.GetValue(hostileDuration);
                var run = new HostileBenchOptions(
                    Math.Min(n, 10_000), Math.Clamp(parse.GetValue(devices), 1, 5000), Math.Clamp(parse.GetValue(inflight), 1, 1000), span < TimeSpan.FromSeconds(10) ? TimeSpan.FromSeconds(10) : span);
                var hostileReport = await new HostileBench(context.Console, run).RunAsync(cancellation);
                hostileReport.Print(context.Console);
                return 0;
            }

            var options = new IngestBenchOptions(
                Math.Clamp(parse.GetValue(devices), 1, 5000), Math.Clamp(parse.GetValue(batches), 10, 1_000_000), Math.Clamp(parse.GetValue(inflight), 1, 1000),
                Math.Clamp(parse.GetValue(idle), 0, 50_000), !parse.GetValue(noMosquitto), !parse.GetValue(noUnverified),
                !parse.GetValue(noUnprotected));
            var report = await new IngestBench(context.Console, options).RunAsync(cancellation);
            report.Print(context.Console);
            return 0;
        });
        var command = new Command("bench", "Measure the whole system; each figure beside a reference measured in the same run.");
        command.Subcommands.Add(ingest);
        var patients = new Option<int>("--patients") { Description = "Simulated patients.", DefaultValueFactory = _ => 100 };
        var days = new Option<double>("--days") { Description = "Simulated days per patient.", DefaultValueFactory = _ => 10 };
        var falseAlarms = new Command(
            "false-alarms",
            "Run a clean simulated fleet (default 1,000 patient-days) through Vigil's verification in accelerated time and report how many readings it wrongly doubts.")
        {
            patients, days,
        };
        falseAlarms.SetAction(parse => FalseAlarmBench.Run(context.Console, Math.Clamp(parse.GetValue(patients), 1, 100_000), Math.Clamp(parse.GetValue(days), 0.01, 3650)));
        command.Subcommands.Add(falseAlarms);
        var entries = new Option<long>("--entries") { Description = "Batches in the record (each a ledger entry).", DefaultValueFactory = _ => 1_000_000 };
        var audit = new Command(
            "audit",
            "Fill a fresh embedded record with batches and their ledger entries, then time 'vigil audit verify' over it beside the time to SHA-256 the same bytes.")
        {
            entries,
        };
        audit.SetAction((parse, cancellation) => AuditBench.RunAsync(context.Console, Math.Clamp(parse.GetValue(entries), 1, 100_000_000), cancellation));
        command.Subcommands.Add(audit);
        command.Subcommands.Add(ReferenceServer(context, data));
        command.Subcommands.Add(HostileTrafficCommand());
        return command;
    }

    // The hostile connections of 'vigil bench ingest --hostile N', which runs them in a process of
    // their own (see HostileNeighbour). They stop when standard input closes or the bound passes,
    // and print their totals. Hidden: only the bench starts it.
    private static Command HostileTrafficCommand()
    {
        var from = new Option<DirectoryInfo>("--from") { Description = "The folder of hostile identities the bench wrote.", Required = true };
        var port = new Option<int>("--port") { Description = "The server's MQTT port on 127.0.0.1.", Required = true };
        var connections = new Option<int>("--connections") { Description = "Hostile connections.", Required = true };
        var bound = new Option<TimeSpan>("--for") { Description = "The longest it runs.", DefaultValueFactory = _ => TimeSpan.FromMinutes(1) };
        var command = new Command("hostile-traffic", "Send malformed MQTT and mutated envelopes to 127.0.0.1 (only vigil bench ingest --hostile uses it).") { Hidden = true };
        command.Options.Add(from);
        command.Options.Add(port);
        command.Options.Add(connections);
        command.Options.Add(bound);
        command.SetAction(async (parse, cancellation) =>
        {
            var (identities, ca) = HostileNeighbour.Load(parse.GetValue(from)!.FullName);
            using (ca)
            {
                var traffic = new HostileTraffic(Math.Clamp(parse.GetValue(port), 1, 65535), identities, ca);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                stop.CancelAfter(parse.GetValue(bound) is var b && b > TimeSpan.Zero && b < TimeSpan.FromHours(2) ? b : TimeSpan.FromMinutes(1));
                var run = traffic.RunAsync(Math.Clamp(parse.GetValue(connections), 1, 10_000), stop.Token);
                Console.Out.WriteLine(HostileNeighbour.RunningMarker);
                var input = Task.Run(() => Console.In.ReadToEnd(), CancellationToken.None);
                await Task.WhenAny(input, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
                await stop.CancelAsync();
                await run;
                // Plain standard output, unwrapped: the bench parses this line.
                Console.Out.WriteLine(HostileNeighbour.FormatTotals(traffic));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // The reference runs of 'vigil bench ingest': the server with one protection left out, which
    // serves only a record made for the benchmark (never a clinical one), so no deployed server
    // can be started this way. Hidden: nobody but the bench has a use for it.
    private static Command ReferenceServer(CliContext context, Option<DirectoryInfo> data)
    {
        var ports = new ServerPortOptions();
        var variant = new Option<string>("--variant") { Description = "unprotected or unverified.", Required = true };
        variant.AcceptOnlyFromAmong("unprotected", "unverified");
        var command = new Command("reference-server", "Serve a benchmark record with one protection left out (only vigil bench ingest uses it).") { Hidden = true };
        command.Options.Add(variant);
        ports.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var reference = parse.GetValue(variant) == "unprotected" ? Server.Hosting.BenchReference.Unprotected : Server.Hosting.BenchReference.Unverified;
            var app = ServeCommand.TryBuild(context, ports.Overrides(parse, parse.GetValue(data)!), out var failure, reference);
            if (app is null)
            {
                return failure;
            }

            await using (app)
            {
                await app.StartAsync(cancellation);
                context.Console.MarkupLine("[yellow]Vigil is serving a benchmark reference[/]. Ctrl-C stops it.");
                await app.WaitForShutdownAsync(cancellation);
            }

            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using Spectre.Console;
using Vigil.Platform.Queries;
using Vigil.Record.Events;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil events</c>: the security event log.</summary>
internal static class EventsCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var code = new Option<string?>("--code") { Description = "Only events with this code (e.g. bad-signature, topic-denied, replay)." };
        var device = new Option<string?>("--device") { Description = "Only events concerning this device." };
        var since = new Option<TimeSpan?>("--since") { Description = "Only events in this past span, e.g. 01:00:00 for the last hour." };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first.", DefaultValueFactory = _ => 50 };
        var totals = new Option<bool>("--totals") { Description = "Print the totals by code over the whole log instead: every refusal counted, as the vigil.security.events counter counts them." };
        var command = new Command("events", "List security events: every refusal and suspicion on the path of a reading.") { code, device, since, limit, totals };
        command.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var security = platform.Get<SecurityViews>();
            if (parse.GetValue(totals))
            {
                var byCode = new Table().AddColumns("code", "refusals and suspicions");
                foreach (var (name, total) in await security.EventTotalsAsync())
                {
                    byCode.AddRow($"[yellow]{Markup.Escape(name)}[/]", total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
                }

                context.Console.Write(byCode);
                context.Console.MarkupLineInterpolated($"{await security.EventCountAsync():N0} in the log.");
                return 0;
            }

            var query = new EventQuery(parse.GetValue(code), parse.GetValue(device), context.Time.GetUtcNow() - parse.GetValue(since), Math.Clamp(parse.GetValue(limit), 1, 10_000));
            var events = await security.EventsAsync(query);
            var table = new Table().AddColumns("#", "time (UTC)", "code", "count", "principal", "source", "device", "detail");
            foreach (var e in events)
            {
                table.AddRow(
                    e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), e.At.ToString("yyyy-MM-dd HH:mm:ss.fff"), $"[yellow]{Markup.Escape(e.Code)}[/]", e.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(e.Principal), Markup.Escape(e.Source), Markup.Escape(e.DeviceId ?? "-"), Markup.Escape(e.Detail));
            }

            context.Console.Write(table);
            context.Console.MarkupLineInterpolated($"{events.Count} event(s) shown, standing for {events.Sum(e => e.Count)} refusals and suspicions; {await security.EventCountAsync()} in the log.");
            return 0;
        }));
        return command;
    }
}

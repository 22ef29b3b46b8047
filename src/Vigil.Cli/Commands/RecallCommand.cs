using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Domain.Devices;
using Vigil.Platform.Queries;
using Vigil.Platform.Verification;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil recall create|list|show</c> (T09).</summary>
internal static class RecallCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command("recall", "Recalls of devices by model, lot, serial number and firmware.");
        command.Subcommands.Add(New(context, data));
        command.Subcommands.Add(List(context, data, "list", "List recalls."));
        var show = List(context, data, "show", "Show one recall and the devices it flagged.");
        command.Subcommands.Add(show);
        return command;
    }

    private static Command New(CliContext context, Option<DirectoryInfo> data)
    {
        var model = new Option<string>("--model") { Description = "The device model recalled.", Required = true };
        var lots = new Option<string[]>("--lots") { Description = "Lots recalled (all if none).", AllowMultipleArgumentsPerToken = true };
        var serials = new Option<string[]>("--serials") { Description = "Serial numbers or ranges FIRST..LAST (all if none).", AllowMultipleArgumentsPerToken = true };
        var firmware = new Option<string[]>("--firmware") { Description = "Firmware versions recalled (all if none).", AllowMultipleArgumentsPerToken = true };
        var since = new Option<DateTimeOffset>("--since") { Description = "From when readings are in doubt (ISO 8601, e.g. 2026-11-01).", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why, as the maker or regulator gave it.", Required = true };
        var command = new Command("create", "Create a recall: flag the devices it covers, mark their readings since --since Suspect(recall), tell their care teams.")
        {
            model, lots, serials, firmware, since, reason,
        };
        command.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var recall = new Recall(
                0, parse.GetValue(model)!, parse.GetValue(lots) ?? [], parse.GetValue(serials) ?? [], parse.GetValue(firmware) ?? [],
                parse.GetValue(since), parse.GetValue(reason)!, context.Time.GetUtcNow());
            var created = await platform.Get<RecallService>().CreateAsync(recall, Environment.UserName);
            context.Console.MarkupLineInterpolated(
                $"Recall [bold]{created.Id}[/] created: {created.Devices} device(s) flagged, {created.Readings} reading(s) re-verified as Suspect(recall); their care teams are notified.");
            return 0;
        }));
        return command;
    }

    private static Command List(CliContext context, Option<DirectoryInfo> data, string name, string description)
    {
        var id = new Argument<long?>("id") { Description = "The recall number.", Arity = name == "show" ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne };
        var command = new Command(name, description);
        if (name == "show")
        {
            command.Arguments.Add(id);
        }

        command.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var security = platform.Get<SecurityViews>();
            var recalls = (await security.RecallsAsync()).Where(r => name != "show" || r.Id == parse.GetValue(id)).ToList();
            if (name == "show" && recalls.Count == 0)
            {
                return context.Fail($"no recall {parse.GetValue(id)}.", ExitCodes.NotFound);
            }

            var table = new Table().AddColumns("#", "model", "lots", "serials", "firmware", "since", "reason", "devices", "readings");
            foreach (var r in recalls)
            {
                table.AddRow(
                    Text(r.Id), Markup.Escape(r.Model), Markup.Escape(All(r.Lots)), Markup.Escape(All(r.Serials)), Markup.Escape(All(r.Firmware)),
                    r.Since.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Markup.Escape(r.Reason), Text(r.Devices), Text(r.Readings));
            }

            context.Console.Write(table);
            if (name == "show")
            {
                var flagged = (await security.FlagsAsync()).Where(f => f.Reference == $"recall {recalls[0].Id}").ToList();
                context.Console.MarkupLineInterpolated($"Devices flagged: {string.Join(", ", flagged.Select(f => f.DeviceId.Value))}");
            }

            return 0;
        }));
        return command;
    }

    private static string All(IReadOnlyList<string> items) => items.Count == 0 ? "all" : string.Join(", ", items);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}

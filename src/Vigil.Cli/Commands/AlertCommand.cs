using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Domain.Clinical;
using Vigil.Domain.Verification;
using Vigil.Platform.Patients;
using Vigil.Platform.Queries;
using Vigil.Record.Clinical;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil alert list|show|acknowledge|confirm|escalate|dismiss</c>.</summary>
internal static class AlertCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command("alert", "Clinical and data-integrity alerts, and what clinicians do with them.");
        command.Subcommands.Add(List(context, data));
        command.Subcommands.Add(Show(context, data));
        foreach (var action in Enum.GetValues<AlertAction>())
        {
            command.Subcommands.Add(Act(context, data, action));
        }

        return command;
    }

    private static Command List(CliContext context, Option<DirectoryInfo> data)
    {
        var patient = new Option<string?>("--patient") { Description = "Only this patient's alerts." };
        var all = new Option<bool>("--all") { Description = "Include escalated and dismissed alerts." };
        var command = new Command("list", "List alerts, newest first; an alert on data that is not verified is marked unconfirmed.") { patient, all };
        command.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            if (!PatientIdText.TryParseOptional(parse.GetValue(patient), out var patientId))
            {
                return context.Fail(PatientIdText.Malformed(parse.GetValue(patient)), 2);
            }

            var alerts = await platform.Get<AlertViews>().ListAsync(patientId, activeOnly: !parse.GetValue(all));
            await RecordAccess.AuditAsync(platform, alerts.Select(a => a.PatientId), "alerts");
            var table = new Table().AddColumns("#", "patient", "rule", "integrity", "status", "raised (UTC)", "count", "detail");
            foreach (var a in alerts)
            {
                table.AddRow(
                    Text(a.Id), Markup.Escape(a.PatientId.Value), Markup.Escape(a.Rule), Integrity(a), Markup.Escape(a.Status.ToString().ToLowerInvariant()),
                    a.RaisedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Text(a.Occurrences), Markup.Escape(a.Detail));
            }

            context.Console.Write(table);
            context.Console.MarkupLineInterpolated($"{alerts.Count} alert(s).");
            return 0;
        }));
        return command;
    }

    private static Command Show(CliContext context, Option<DirectoryInfo> data)
    {
        var id = new Argument<long>("id") { Description = "The alert number." };
        var command = new Command("show", "Show an alert and what was done with it.") { id };
        command.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var alerts = platform.Get<AlertViews>();
            if (await alerts.FindAsync(parse.GetValue(id)) is not { } alert)
            {
                return context.Fail($"no alert {parse.GetValue(id)}.", ExitCodes.NotFound);
            }

            await RecordAccess.AuditAsync(platform, [alert.PatientId], "alert");

            Print(context, alert, await alerts.ActionsAsync(alert.Id));
            return 0;
        }));
        return command;
    }

    private static Command Act(CliContext context, Option<DirectoryInfo> data, AlertAction action)
    {
        var id = new Argument<long>("id") { Description = "The alert number." };
        var by = new Option<string>("--by") { Description = "Who acts (recorded with the action).", Required = true };
        var note = new Option<string>("--note") { Description = "Why, for the record.", DefaultValueFactory = _ => "" };
        var description = action switch
        {
            AlertAction.Acknowledge => "Mark an alert seen.",
            AlertAction.Confirm => "Confirm an alert's finding (by another measurement or by seeing the patient).",
            AlertAction.Escalate => "Escalate an alert to emergency care; an alert on unverified data must be confirmed first.",
            _ => "Dismiss an alert.",
        };
        var command = new Command(action.ToString().ToLowerInvariant(), description) { id, by, note };
        command.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var acted = await platform.Get<AlertDesk>().ActAsync(parse.GetValue(id), action, parse.GetValue(by)!, parse.GetValue(note)!);
            if (acted.Refusal is { } refusal)
            {
                return context.Fail(refusal, refusal.Code == AlertDesk.ActionRefused ? $"alert {parse.GetValue(id)}: {refusal.Message}." : null);
            }

            context.Console.MarkupLineInterpolated($"Alert {acted.Value!.Id} is now [bold]{acted.Value.Status.ToString().ToLowerInvariant()}[/].");
            return 0;
        }));
        return command;
    }

    private static void Print(CliContext context, Alert alert, IReadOnlyList<AlertActionRecord> actions)
    {
        var grid = new Grid().AddColumns(2);
        grid.AddRow("alert", Text(alert.Id));
        grid.AddRow("patient", Markup.Escape(alert.PatientId.Value));
        grid.AddRow("rule", Markup.Escape(alert.Rule));
        grid.AddRow("device", Markup.Escape(alert.DeviceId?.Value ?? "-"));
        grid.AddRow("integrity", Integrity(alert));
        grid.AddRow("reasons", Markup.Escape(alert.Reasons.Count == 0 ? "-" : string.Join(", ", alert.Reasons)));
        grid.AddRow("status", Markup.Escape(alert.Status.ToString().ToLowerInvariant()));
        grid.AddRow("detail", Markup.Escape(alert.Detail));
        grid.AddRow("occurrences", Text(alert.Occurrences));
        context.Console.Write(grid);
        foreach (var a in actions)
        {
            context.Console.MarkupLineInterpolated($"{a.At:yyyy-MM-dd HH:mm:ss} {a.Action} by {a.Actor}: {a.Note}");
        }
    }

    private static string Integrity(Alert alert) => alert.Integrity == VerdictStatus.Verified
        ? "[green]verified[/]"
        : alert.Unconfirmed ? "[red]UNCONFIRMED[/] (suspect data)" : "[yellow]suspect data, confirmed[/]";

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}

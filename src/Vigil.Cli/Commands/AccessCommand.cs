using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Platform.Access;
using Vigil.Platform.Queries;
using Vigil.Record.Access;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil access</c> (who read whose data) and <c>vigil break-glass list|review</c>.</summary>
internal static class AccessCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var patient = new Option<string?>("--patient") { Description = "Only accesses to this patient's data." };
        var user = new Option<string?>("--user") { Description = "Only this user's accesses." };
        var purpose = new Option<string?>("--purpose") { Description = "Only this purpose: care-team, break-glass, break-glass-review, operator." };
        var limit = new Option<int>("--limit") { Description = "At most this many.", DefaultValueFactory = _ => 200 };
        var command = new Command("access", "Who read or acted on whose data, when and why, newest first (each one is a ledger entry).") { patient, user, purpose, limit };
        command.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            if (!PatientIdText.TryParseOptional(parse.GetValue(patient), out var patientId))
            {
                return context.Fail(PatientIdText.Malformed(parse.GetValue(patient)), 2);
            }

            var accesses = await platform.Get<SecurityViews>().AccessesAsync(new AccessQuery(patientId, parse.GetValue(user), parse.GetValue(purpose), Math.Clamp(parse.GetValue(limit), 1, 100_000)));
            var table = new Table().AddColumns("#", "at (UTC)", "user", "role", "patient", "what", "purpose");
            foreach (var a in accesses)
            {
                table.AddRow(
                    a.Id.ToString(CultureInfo.InvariantCulture), a.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Markup.Escape(a.UserId), Markup.Escape(a.Role),
                    Markup.Escape(a.PatientId.Value), Markup.Escape(a.What),
                    a.Purpose == AccessPurposes.BreakGlass ? $"[red]break-glass {a.BreakGlassId}[/]" : Markup.Escape(a.Purpose));
            }

            context.Console.Write(table);
            context.Console.MarkupLineInterpolated($"{accesses.Count} access(es).");
            return 0;
        }));
        return command;
    }

    public static Command BreakGlass(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command("break-glass", "Emergency access to patients outside a clinician's care teams, flagged for review.");
        var all = new Option<bool>("--all") { Description = "Include grants already reviewed." };
        var list = new Command("list", "List break-glass grants waiting for review (with --all, every grant).") { all };
        list.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var grants = await platform.Get<SecurityViews>().BreakGlassAsync(unreviewedOnly: !parse.GetValue(all));
            var table = new Table().AddColumns("#", "user", "patient", "opened (UTC)", "until (UTC)", "review");
            foreach (var g in grants)
            {
                table.AddRow(
                    g.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(g.UserId), Markup.Escape(g.PatientId.Value), g.OpenedAt.ToString("u"), g.ExpiresAt.ToString("u"),
                    g.ReviewedBy is null ? "[yellow]to review[/]" : Markup.Escape($"{g.ReviewedBy}: {g.ReviewNote}"));
            }

            context.Console.Write(table);
            return 0;
        }));
        var id = new Argument<long>("id") { Description = "The grant." };
        var note = new Option<string>("--note") { Description = "The review's conclusion.", Required = true };
        var review = new Command("review", "Show a grant's reason (recorded as an access) and record its review.") { id, note };
        review.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var reviewed = await platform.Get<BreakGlassReview>().ReviewAsync(parse.GetValue(id), parse.GetValue(note)!, RecordAccess.Operator);
            if (reviewed.Value is not { } grant)
            {
                return context.Fail(reviewed.Refusal!);
            }

            context.Console.MarkupLineInterpolated($"{grant.UserId} opened patient {grant.PatientId} at {grant.OpenedAt:u}: \"{grant.Reason}\"");
            return reviewed.Refusal is { } refusal ? context.Fail(refusal) : 0;
        }));
        command.Subcommands.Add(list);
        command.Subcommands.Add(review);
        return command;
    }
}

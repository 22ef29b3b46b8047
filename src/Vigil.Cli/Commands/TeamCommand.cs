using System.CommandLine;
using Spectre.Console;
using Vigil.Domain.Patients;
using Vigil.Platform.Access;
using Vigil.Platform.Queries;
using Vigil.Platform.UseCases;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil team add|list|member|patient</c>: care teams, who is in them and whom they look after.</summary>
internal static class TeamCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command("team", "Care teams: clinicians see only the patients of their teams.");
        var id = new Option<string>("--id") { Description = "The team id.", Required = true };
        var name = new Option<string>("--name") { Description = "The team's name.", Required = true };
        var add = new Command("add", "Create a care team.") { id, name };
        add.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
            (await platform.Get<StaffAdministration>().AddTeamAsync(parse.GetValue(id)!, parse.GetValue(name)!)).Refusal is { } refusal
                ? context.Fail(refusal, $"team {parse.GetValue(id)} already exists.")
                : Done(context, $"Added team {parse.GetValue(id)}.")));
        var list = new Command("list", "List care teams with their members and patients.");
        list.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var table = new Table().AddColumns("team", "name", "members", "patients");
            foreach (var t in await platform.Get<StaffDirectory>().TeamsAsync())
            {
                table.AddRow(Markup.Escape(t.Id), Markup.Escape(t.Name), Markup.Escape(string.Join(", ", t.Members)), Markup.Escape(string.Join(", ", t.Patients.Select(p => p.Value))));
            }

            context.Console.Write(table);
            return 0;
        }));
        command.Subcommands.Add(add);
        command.Subcommands.Add(list);
        command.Subcommands.Add(Link(context, data, "member", "user", "Add a user to a team (--remove takes them out).", (s, t, x) => s.AddMemberAsync(t, x), (s, t, x) => s.RemoveMemberAsync(t, x)));
        command.Subcommands.Add(Link(context, data, "patient", "patient", "Put a patient in a team's care (--remove takes them out).", (s, t, x) => s.AssignPatientAsync(t, PatientId.Parse(x)), (s, t, x) => s.UnassignPatientAsync(t, PatientId.Parse(x)), x => PatientId.TryParse(x, out _)));
        return command;
    }

    private static Command Link(
        CliContext context, Option<DirectoryInfo> data, string verb, string what, string description,
        Func<StaffAdministration, string, string, Task<UseCaseResult>> add, Func<StaffAdministration, string, string, Task<UseCaseResult>> remove,
        Func<string, bool>? isWellFormed = null)
    {
        var team = new Argument<string>("team") { Description = "The team." };
        var other = new Argument<string>(what) { Description = $"The {what}." };
        var removing = new Option<bool>("--remove") { Description = "Remove instead of add." };
        var command = new Command(verb, description) { team, other, removing };
        command.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var (t, x) = (parse.GetValue(team)!, parse.GetValue(other)!);
            if (isWellFormed is not null && !isWellFormed(x))
            {
                return context.Fail(PatientIdText.Malformed(x), 2);
            }

            return (await (parse.GetValue(removing) ? remove : add)(platform.Get<StaffAdministration>(), t, x)).Refusal is { } refusal
                ? context.Fail(refusal, $"team {t} or {what} {x} is not known{(parse.GetValue(removing) ? ", or not linked" : string.Empty)}.")
                : Done(context, $"{(parse.GetValue(removing) ? "Removed" : "Added")} {what} {x} {(parse.GetValue(removing) ? "from" : "to")} team {t}.");
        }));
        return command;
    }

    private static int Done(CliContext context, string message)
    {
        context.Console.MarkupLineInterpolated($"{message}");
        return 0;
    }
}

using System.CommandLine;
using Spectre.Console;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil patient add|list</c>.</summary>
internal static class PatientCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command("patient", "Work with patients under monitoring.");
        var id = new Option<string>("--id") { Description = "An opaque patient id (not a medical record number).", Required = true };
        var name = new Option<string>("--name") { Description = "How the care team refers to the patient.", Required = true };
        var add = new Command("add", "Add a patient.") { id, name };
        add.SetAction(parse => DeviceRegistryCommands.WithRecord(context, parse.GetValue(data)!, record =>
        {
            var patientId = parse.GetValue(id)!;
            if (patientId.Length is 0 or > 64 || !patientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return context.Fail("a patient id is 1-64 letters, digits, '-', '_' or '.'.", 2);
            }

            if (!record.Registry.AddPatient(patientId, parse.GetValue(name)!, context.Time.GetUtcNow()))
            {
                return context.Fail($"patient {patientId} already exists.", 3);
            }

            context.Console.MarkupLineInterpolated($"[green]Added[/] patient {patientId}.");
            return 0;
        }));
        var list = new Command("list", "List patients and their devices.");
        list.SetAction(parse => DeviceRegistryCommands.WithRecord(context, parse.GetValue(data)!, record =>
        {
            var table = new Table().AddColumns("patient", "name", "devices", "added");
            foreach (var p in record.Registry.ListPatients())
            {
                table.AddRow(Markup.Escape(p.Id), Markup.Escape(p.DisplayName), Markup.Escape(string.Join(", ", p.Devices)), p.AddedAt.ToString("u"));
            }

            context.Console.Write(table);
            return 0;
        }));
        command.Subcommands.Add(add);
        command.Subcommands.Add(list);
        return command;
    }
}

using System.CommandLine;
using Spectre.Console;
using Vigil.Domain.Verification;
using Vigil.Platform.Patients;
using Vigil.Platform.Queries;
using Vigil.Platform.Verification;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil patient add|list|calibrate</c>.</summary>
internal static class PatientCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command("patient", "Work with patients under monitoring.");
        var id = new Option<string>("--id") { Description = "An opaque patient id (not a medical record number).", Required = true };
        var name = new Option<string>("--name") { Description = "How the care team refers to the patient.", Required = true };
        var mrn = new Option<string?>("--mrn") { Description = "The patient's identifier in the hospital's record (stored encrypted)." };
        var unit = new Option<string>("--glucose-unit") { Description = "How the care team reads glucose: mg/dL or mmol/L.", DefaultValueFactory = _ => "mg/dL" };
        var add = new Command("add", "Add a patient.") { id, name, mrn, unit };
        add.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            if (!PatientIdText.TryParse(parse.GetValue(id), out var patientId))
            {
                return context.Fail(PatientIdText.Malformed(parse.GetValue(id)), 2);
            }

            var admitted = await platform.Get<PatientAdmission>().AdmitAsync(patientId, parse.GetValue(name)!, parse.GetValue(mrn), parse.GetValue(unit)!);
            if (admitted.Refusal is { } refusal)
            {
                return context.Fail(refusal, refusal.Code == PatientAdmission.InvalidUnit ? "--glucose-unit is mg/dL or mmol/L." : null);
            }

            context.Console.MarkupLineInterpolated($"[green]Added[/] patient {patientId}.");
            return 0;
        }));
        var list = new Command("list", "List patients and their devices.");
        list.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var table = new Table().AddColumns("patient", "name", "MRN", "glucose in", "devices", "added");
            var patients = await platform.Get<PatientViews>().ListAsync();
            await RecordAccess.AuditAsync(platform, patients.Select(p => p.Id), "patient.summary");
            foreach (var p in patients)
            {
                table.AddRow(
                    Markup.Escape(p.Id.Value), Markup.Escape(p.DisplayName), Markup.Escape(p.Mrn ?? "-"), p.GlucoseUnit, Markup.Escape(string.Join(", ", p.Devices)), p.AddedAt.ToString("u"));
            }

            context.Console.Write(table);
            return 0;
        }));
        command.Subcommands.Add(add);
        command.Subcommands.Add(list);
        command.Subcommands.Add(Calibrate(context, data));
        return command;
    }

    private static Command Calibrate(CliContext context, Option<DirectoryInfo> data)
    {
        var patient = new Argument<string>("patient") { Description = "The patient." };
        var glucose = new Option<double>("--glucose") { Description = "The fingerstick glucose, mg/dL.", Required = true };
        var at = new Option<DateTimeOffset?>("--at") { Description = "When it was measured (default: now)." };
        var by = new Option<string>("--by") { Description = "Who measured it.", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command("calibrate", "Enter a fingerstick glucose: it is paired with the patient's CGM to measure device and lot error (MARD).") { patient, glucose, at, by };
        command.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            if (!PatientIdText.TryParse(parse.GetValue(patient), out var patientId))
            {
                return context.Fail(PatientIdText.Malformed(parse.GetValue(patient)), 2);
            }

            var now = context.Time.GetUtcNow();
            var entered = await platform.Get<CalibrationService>().EnterAsync(patientId, parse.GetValue(at) ?? now, parse.GetValue(glucose), parse.GetValue(by)!, now);
            if (entered.Refusal is { } refusal)
            {
                return context.Fail(refusal, refusal.Code == CalibrationService.InvalidGlucose ? "--glucose must be 10-1000 mg/dL." : null);
            }

            var calibration = entered.Value!;
            if (calibration.DeviceId is { } device)
            {
                context.Console.MarkupLineInterpolated($"Paired with {device} reading {calibration.DeviceValue} mg/dL: error {calibration.RelativeError:P1}.");
            }
            else
            {
                context.Console.MarkupLineInterpolated($"Stored; no CGM reading within {VerificationRules.CalibrationPairing.TotalMinutes} minutes to pair it with.");
            }
            return 0;
        }));
        return command;
    }
}

using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Spectre.Console;
using Vigil.Domain.Devices;
using Vigil.Identity.Provisioning;
using Vigil.Platform;
using Vigil.Platform.Devices;
using Vigil.Platform.Queries;
using Vigil.Platform.UseCases;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil device enroll|list|show|quarantine|revoke|bind</c>.</summary>
internal static class DeviceRegistryCommands
{
    public static IEnumerable<Command> Create(CliContext context, Option<DirectoryInfo> data)
    {
        yield return Enroll(context, data);
        yield return List(context, data);
        yield return Show(context, data);
        yield return SetStatus(context, data, "quarantine", DeviceStatus.Quarantined,
            "Quarantine a device: its batches are still received and stored, but marked and never trusted.");
        yield return SetStatus(context, data, "revoke", DeviceStatus.Revoked,
            "Revoke a device: refused at connect and at ingest from now on. Final.");
        yield return Bind(context, data);
    }

    private static Command Enroll(CliContext context, Option<DirectoryInfo> data)
    {
        var id = new Option<string?>("--id") { Description = "A device minted into this data folder." };
        var file = new Option<FileInfo?>("--certificate") { Description = "A device certificate file (PEM or DER) from a trusted maker." };
        var command = new Command("enroll", "Enroll a device so that the platform accepts it; its certificate must chain to a trusted maker CA.") { id, file };
        command.SetAction((parse, cancellation) => WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var folder = new DataFolder(parse.GetValue(data)!.FullName);
            X509Certificate2 certificate;
            if (parse.GetValue(id) is { } idText)
            {
                if (!DeviceId.TryParse(idText, out var device) || !Directory.Exists(folder.DeviceFolder(device)))
                {
                    return context.Fail($"no minted device '{idText}' in this data folder.", ExitCodes.NotFound);
                }

                certificate = DeviceCredentials.LoadCertificate(folder.DeviceFolder(device));
            }
            else if (parse.GetValue(file) is { } path)
            {
                certificate = InputFiles.Certificate(path);
            }
            else
            {
                return context.Fail("give --id or --certificate.", 2);
            }

            using (certificate)
            {
                if ((await platform.Get<DeviceEnrollment>().EnrollAsync(certificate)).Refusal is { } refusal)
                {
                    return context.Fail(refusal, refusal.Message);
                }

                context.Console.MarkupLineInterpolated($"[green]Enrolled[/] {certificate.GetNameInfo(X509NameType.SimpleName, false)}.");
                return 0;
            }
        }));
        return command;
    }

    private static Command List(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command("list", "List enrolled devices with their status, patient, relays and stored batches.");
        command.SetAction((parse, cancellation) => WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var fleet = platform.Get<FleetViews>();
            var relays = await fleet.RelaysAsync();
            var table = new Table().AddColumns("device", "model", "lot", "serial", "firmware", "status", "patient", "relays", "batches");
            foreach (var d in await fleet.EnrolledAsync())
            {
                table.AddRow(
                    Markup.Escape(d.Id.Value), Markup.Escape(d.Model), Markup.Escape(d.Lot), Markup.Escape(d.Serial), Markup.Escape(d.Firmware),
                    Status(d.Status), Markup.Escape(d.PatientId?.Value ?? "-"),
                    Markup.Escape(string.Join(", ", relays.Where(r => r.Devices.Contains(d.Id.Value)).Select(r => r.Id))),
                    (await fleet.BatchesOfAsync(d.Id)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Show(CliContext context, Option<DirectoryInfo> data)
    {
        var id = new Argument<string>("id") { Description = "The device id." };
        var command = new Command("show", "Show one device: certificate attributes, status and history.") { id };
        command.SetAction((parse, cancellation) => WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var fleet = platform.Get<FleetViews>();
            if (!DeviceId.TryParse(parse.GetValue(id), out var device) || await fleet.FindDeviceAsync(device) is not { } d)
            {
                return context.Fail($"no enrolled device '{parse.GetValue(id)}'.", ExitCodes.NotFound);
            }

            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow("device", Markup.Escape(d.Id.Value));
            grid.AddRow("kid", d.KeyIdHex);
            grid.AddRow("model / lot / serial", Markup.Escape($"{d.Model} / {d.Lot} / {d.Serial}"));
            grid.AddRow("factory firmware", Markup.Escape(d.Firmware));
            grid.AddRow("status", Status(d.Status) + (d.StatusReason is null ? string.Empty : Markup.Escape($" ({d.StatusReason})")));
            grid.AddRow("patient", Markup.Escape(d.PatientId?.Value ?? "-"));
            grid.AddRow("enrolled", d.EnrolledAt.ToString("u"));
            grid.AddRow("batches stored", (await fleet.BatchesOfAsync(d.Id)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            grid.AddRow("security events", (await platform.Get<SecurityViews>().EventsAsync(new Record.Events.EventQuery(DeviceId: d.Id.Value, Limit: 10_000))).Sum(e => e.Count).ToString(System.Globalization.CultureInfo.InvariantCulture));
            context.Console.Write(grid);
            return 0;
        }));
        return command;
    }

    private static Command SetStatus(CliContext context, Option<DirectoryInfo> data, string verb, DeviceStatus status, string description)
    {
        var id = new Argument<string>("id") { Description = "The device id." };
        var reason = new Option<string>("--reason") { Description = "Why, for the record.", Required = true };
        var command = new Command(verb, description) { id, reason };
        command.SetAction((parse, cancellation) => WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var unknown = $"no enrolled device '{parse.GetValue(id)}'.";
            if (!DeviceId.TryParse(parse.GetValue(id), out var device))
            {
                return context.Fail(unknown, ExitCodes.NotFound);
            }

            if ((await platform.Get<DeviceAdministration>().SetStatusAsync(device, status, parse.GetValue(reason)!, RecordAccess.Operator)).Refusal is { } refusal)
            {
                return context.Fail(refusal, refusal.Kind == RefusalKind.NotFound ? unknown : null);
            }

            context.Console.MarkupLineInterpolated($"Device {device} is now [bold]{status.ToString().ToLowerInvariant()}[/].");
            return 0;
        }));
        return command;
    }

    private static Command Bind(CliContext context, Option<DirectoryInfo> data)
    {
        var id = new Argument<string>("id") { Description = "The device id." };
        var patient = new Option<string?>("--patient") { Description = "Bind the device to this patient." };
        var relay = new Option<string?>("--relay") { Description = "Allow this relay to carry the device's batches." };
        var command = new Command("bind", "Bind a device to its patient, or allow a relay to carry it.") { id, patient, relay };
        command.SetAction((parse, cancellation) => WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            if (!DeviceId.TryParse(parse.GetValue(id), out var device))
            {
                return context.Fail($"'{parse.GetValue(id)}' is not a valid device id.", 2);
            }

            if (parse.GetValue(patient) is null && parse.GetValue(relay) is null)
            {
                return context.Fail("give --patient or --relay.", 2);
            }

            if (!PatientIdText.TryParseOptional(parse.GetValue(patient), out var patientId))
            {
                return context.Fail(PatientIdText.Malformed(parse.GetValue(patient)), 2);
            }

            RelayId? relayId = null;
            if (parse.GetValue(relay) is { } relayText)
            {
                if (!RelayId.TryParse(relayText, out var parsedRelay))
                {
                    return context.Fail($"'{relayText}' is not a relay id: a relay id is {RelayId.Form}.", 2);
                }

                relayId = parsedRelay;
            }

            var devices = platform.Get<DeviceAdministration>();
            if (patientId is { } p && (await devices.BindToPatientAsync(device, p)).Refusal is { } unknownPatient)
            {
                return context.Fail(unknownPatient);
            }

            if (relayId is { } r && (await devices.BindToRelayAsync(device, r)).Refusal is { } unknownRelay)
            {
                return context.Fail(unknownRelay);
            }

            context.Console.MarkupLineInterpolated($"Bound {device}.");
            return 0;
        }));
        return command;
    }

    /// <summary>Runs an action on the platform over the record (<see cref="RecordAccess.OpenPlatform"/>), which it disposes.</summary>
    internal static Task<int> WithPlatformAsync(CliContext context, DirectoryInfo data, Func<PlatformSession, Task<int>> action) =>
        WithAsync(RecordAccess.OpenPlatform(context, data), action);

    /// <summary>Runs an action on the platform over the record opened without keys (<see cref="RecordAccess.OpenPlatformWithoutKeys"/>).</summary>
    internal static Task<int> WithPlatformWithoutKeysAsync(CliContext context, DirectoryInfo data, Func<PlatformSession, Task<int>> action) =>
        WithAsync(RecordAccess.OpenPlatformWithoutKeys(context, data), action);

    /// <summary>Runs an action on the platform over the record opened without keys (<see cref="RecordAccess.OpenPlatformWithoutKeys"/>).</summary>
    internal static Task<int> WithPlatformWithoutKeysAsync(CliContext context, DirectoryInfo data, Func<PlatformSession, int> action) =>
        WithAsync(RecordAccess.OpenPlatformWithoutKeys(context, data), platform => Task.FromResult(action(platform)));

    /// <summary>Runs an action on the platform over the record (<see cref="RecordAccess.OpenPlatform"/>), which it disposes.</summary>
    internal static Task<int> WithPlatformAsync(CliContext context, DirectoryInfo data, Func<PlatformSession, int> action) =>
        WithAsync(RecordAccess.OpenPlatform(context, data), platform => Task.FromResult(action(platform)));

    private static async Task<int> WithAsync<T>(T? opened, Func<T, Task<int>> action)
        where T : class, IAsyncDisposable
    {
        if (opened is null)
        {
            return 2;
        }

        await using (opened)
        {
            return await action(opened);
        }
    }

    private static string Status(DeviceStatus status) => status switch
    {
        DeviceStatus.Active => "[green]active[/]",
        DeviceStatus.Quarantined => "[yellow]quarantined[/]",
        _ => "[red]revoked[/]",
    };
}

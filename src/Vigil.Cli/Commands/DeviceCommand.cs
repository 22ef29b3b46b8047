using System.CommandLine;
using Spectre.Console;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;
using Vigil.Platform.Devices;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil device ...</c>: device identities.</summary>
internal static class DeviceCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command("device", "Work with device identities.");
        command.Subcommands.Add(Mint(context, data));
        foreach (var sub in DeviceRegistryCommands.Create(context, data))
        {
            command.Subcommands.Add(sub);
        }

        return command;
    }

    private static Command Mint(CliContext context, Option<DirectoryInfo> data)
    {
        var model = new Option<string>("--model") { Description = "Device model, as its maker names it.", Required = true };
        var lot = new Option<string>("--lot") { Description = "Production lot.", Required = true };
        var serial = new Option<string>("--serial") { Description = "Serial number, unique within the model.", Required = true };
        var firmware = new Option<string>("--firmware") { Description = "Firmware version at manufacture.", Required = true };
        var id = new Option<string?>("--id") { Description = "Device id (default: <model>-<serial>, lower case)." };
        var days = new Option<int>("--valid-days") { Description = "Certificate lifetime in days.", DefaultValueFactory = _ => 730 };
        var enroll = new Option<bool>("--enroll") { Description = "Also enroll the device with this platform." };
        var command = new Command(
            "mint",
            "Issue a device certificate and key from the development maker CA, as a maker would at the factory (for simulators and tests).")
        {
            model, lot, serial, firmware, id, days, enroll,
        };
        command.SetAction(async parse =>
        {
            var folder = new DataFolder(parse.GetValue(data)!.FullName);
            if (!folder.IsInitialized)
            {
                return context.Fail($"{folder.Root} is not initialised; run 'vigil init' first.", 2);
            }

            var attributes = new DeviceAttributes(parse.GetValue(model)!, parse.GetValue(lot)!, parse.GetValue(serial)!, parse.GetValue(firmware)!);
            var idText = parse.GetValue(id);
            DeviceId deviceId;
            if (idText is null)
            {
                deviceId = DeviceId.FromModelAndSerial(attributes.Model, attributes.Serial);
            }
            else if (!DeviceId.TryParse(idText, out deviceId))
            {
                return context.Fail($"'{idText}' is not a valid device id: 1-64 of a-z 0-9 . _ -, starting with a letter or digit.", 2);
            }

            var lifetime = parse.GetValue(days);
            if (lifetime is < 1 or > 3650)
            {
                return context.Fail("--valid-days must be from 1 to 3650.", 2);
            }

            var target = folder.DeviceFolder(deviceId);
            if (Directory.Exists(target))
            {
                return context.Fail($"device {deviceId} already exists in this data folder.", 3);
            }

            var now = context.Time.GetUtcNow();
            using var certificate = folder.LoadDevelopmentMaker(CliContext.KeyPassphrase).IssueDevice(deviceId, attributes, now.AddMinutes(-5), now.AddDays(lifetime));
            DeviceCredentials.Save(target, certificate, CliContext.KeyPassphrase);
            Describe(context.Console, deviceId, certificate, attributes, target);
            if (parse.GetValue(enroll))
            {
                return await DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
                    (await platform.Get<DeviceEnrollment>().EnrollAsync(certificate)).Refusal is { } refusal ? context.Fail(refusal, refusal.Message) : 0);
            }

            return 0;
        });
        return command;
    }

    private static void Describe(IAnsiConsole console, DeviceId id, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, DeviceAttributes attributes, string folder)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("device id", id.Value);
        grid.AddRow("kid", CertificateKeyId.HexOf(certificate));
        grid.AddRow("subject", Markup.Escape(certificate.Subject));
        grid.AddRow("issuer", Markup.Escape(certificate.Issuer));
        grid.AddRow("model / lot", Markup.Escape($"{attributes.Model} / {attributes.Lot}"));
        grid.AddRow("serial / firmware", Markup.Escape($"{attributes.Serial} / {attributes.Firmware}"));
        grid.AddRow("valid", $"{certificate.NotBefore.ToUniversalTime():yyyy-MM-dd} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}");
        grid.AddRow("credentials", Markup.Escape(folder));
        console.MarkupLine("[green]Minted[/] device certificate:");
        console.Write(grid);
    }
}

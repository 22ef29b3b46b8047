using System.CommandLine;
using Spectre.Console;
using Vigil.Domain.Devices;
using Vigil.Identity.Provisioning;
using Vigil.Platform.Devices;
using Vigil.Platform.Queries;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil relay add|list</c>.</summary>
internal static class RelayCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command("relay", "Work with relays: phone apps and home hubs that carry sealed batches.");
        var id = new Argument<string>("id") { Description = "The relay id (1-64 of a-z 0-9 . _ -)." };
        var add = new Command("add", "Issue a relay a client certificate from the platform CA (into relays/<id>/ of the data folder) and register it.") { id };
        add.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var relayId = parse.GetValue(id)!;
            if (!RelayId.TryParse(relayId, out var relay))
            {
                return context.Fail($"'{relayId}' is not a valid relay id: a relay id is {RelayId.Form}.", 2);
            }

            var folder = new DataFolder(parse.GetValue(data)!.FullName);
            // Checked before the credentials are issued, so that none are issued for a relay that exists.
            if (await platform.Get<FleetViews>().FindRelayAsync(relay) is not null || Directory.Exists(folder.RelayFolder(relayId)))
            {
                return context.Fail($"relay {relayId} already exists.", 3);
            }

            using var ca = folder.PlatformCaCertificate;
            using var keys = folder.OpenKeyStore(CliContext.KeyPassphrase);
            using var certificate = RelayCredentials.Issue(folder.RelayFolder(relayId), keys, ca, relayId, context.Time.GetUtcNow(), CliContext.KeyPassphrase);
            if ((await platform.Get<DeviceAdministration>().AddRelayAsync(relay, certificate)).Refusal is { } refusal)
            {
                return context.Fail(refusal);
            }
            context.Console.MarkupLineInterpolated($"[green]Added[/] relay {relayId}; credentials in {folder.RelayFolder(relayId)}. Bind devices with 'vigil device bind <id> --relay {relayId}'.");
            return 0;
        }));
        var list = new Command("list", "List relays and the devices each may carry.");
        list.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var table = new Table().AddColumns("relay", "kid", "devices", "added");
            foreach (var r in await platform.Get<FleetViews>().RelaysAsync())
            {
                table.AddRow(Markup.Escape(r.Id.Value), r.KeyIdHex, Markup.Escape(string.Join(", ", r.Devices)), r.AddedAt.ToString("u"));
            }

            context.Console.Write(table);
            return 0;
        }));
        command.Subcommands.Add(add);
        command.Subcommands.Add(list);
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Platform.Queries;
using Vigil.Platform.Verification;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil firmware allow|list</c>: the known-good firmware digests per model.</summary>
internal static class FirmwareCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command("firmware", "Known-good firmware per model; readings from devices attesting anything else are Suspect.");
        var model = new Option<string>("--model") { Description = "The device model.", Required = true };
        var digest = new Option<string>("--digest") { Description = "SHA-256 of the image, 64 hex digits.", Required = true };
        var version = new Option<string>("--version") { Description = "The version the image carries.", Required = true };
        var allow = new Command("allow", "List a firmware digest as known good for a model.") { model, digest, version };
        allow.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var hex = parse.GetValue(digest)!;
            if ((await platform.Get<FirmwareAllowList>().AllowAsync(parse.GetValue(model)!, hex, parse.GetValue(version)!)).Refusal is { } refusal)
            {
                return context.Fail(refusal, "--digest must be 64 hex digits (SHA-256).");
            }

            context.Console.MarkupLineInterpolated($"Firmware {parse.GetValue(version)} ({hex[..12]}...) is known good for {parse.GetValue(model)}.");
            return 0;
        }));
        var list = new Command("list", "List known-good firmware.");
        list.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var table = new Table().AddColumns("model", "version", "digest (SHA-256)", "listed (UTC)");
            foreach (var f in await platform.Get<FleetViews>().FirmwareAsync())
            {
                table.AddRow(Markup.Escape(f.Model), Markup.Escape(f.Version), Convert.ToHexStringLower(f.Digest), f.AddedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            return 0;
        }));
        command.Subcommands.Add(allow);
        command.Subcommands.Add(list);
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil keys status|rotate</c>: the record's key-encryption key and the data keys it wraps.</summary>
internal static class KeysCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command("keys", "The record's encryption keys: one data key per patient, wrapped by a key-encryption key in the key store.");
        var status = new Command("status", "Show the key store, the active key-encryption key and how many data keys it wraps.");
        status.SetAction(parse => DeviceRegistryCommands.WithRecord(context, parse.GetValue(data)!, record =>
        {
            var ring = record.Cipher.Keys;
            var table = new Table().AddColumns("", "");
            table.AddRow("record", Markup.Escape(record.Database.Description));
            table.AddRow("key store", Markup.Escape(ring.KeyStore));
            table.AddRow("key-encryption key", Markup.Escape(ring.ActiveKek() ?? "-"));
            table.AddRow("data keys", ring.Count().ToString("N0", CultureInfo.InvariantCulture));
            context.Console.Write(table);
            return 0;
        }));
        var keep = new Option<bool>("--keep-old") { Description = "Keep the old key-encryption key in the key store instead of destroying it." };
        var rotate = new Command(
            "rotate",
            "Rewrap every data key under a new key-encryption key in one transaction, then destroy the old one. The data itself is not re-encrypted.") { keep };
        rotate.SetAction(parse => DeviceRegistryCommands.WithRecord(context, parse.GetValue(data)!, record =>
        {
            var rotation = record.Cipher.Keys.Rotate(parse.GetValue(keep));
            context.Console.MarkupLineInterpolated(
                $"[green]Rotated[/] the key-encryption key from {rotation.From} to {rotation.To}: {rotation.DataKeys:N0} data key(s) rewrapped.");
            context.Console.MarkupLineInterpolated(
                $"{(rotation.Retired.Count == 0 ? "No key was destroyed." : $"Destroyed: {string.Join(", ", rotation.Retired)}.")}");
            return 0;
        }));
        command.Subcommands.Add(status);
        command.Subcommands.Add(rotate);
        return command;
    }
}

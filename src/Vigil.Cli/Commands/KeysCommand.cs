using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Identity.Keys;
using Vigil.Identity.Provisioning;
using Vigil.Platform.Keys;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil keys status|rotate</c>: the record's key-encryption key and the data keys it wraps.</summary>
internal static class KeysCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command("keys", "The record's encryption keys: one data key per patient, wrapped by a key-encryption key in the key store.");
        var status = new Command(
            "status",
            "Show the key store, the active key-encryption key, how many data keys it wraps, and every key file of the data folder with whether it is encrypted. Opens no key: it needs neither the passphrase nor the token.");
        status.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformWithoutKeysAsync(context, parse.GetValue(data)!, platform =>
        {
            var folder = new DataFolder(parse.GetValue(data)!.FullName);
            var files = KeyFileInventory.Of(folder);
            var state = platform.Get<KeyRotation>().Status();
            var table = new Table().AddColumns("", "");
            table.AddRow("record", Markup.Escape(state.Record));
            table.AddRow("key store", Markup.Escape(KeyStoreOf(folder)));
            table.AddRow("passphrase", Markup.Escape(Passphrase(folder, files)));
            table.AddRow("key-encryption key", Markup.Escape(state.ActiveKek ?? "-"));
            table.AddRow("data keys", state.DataKeys.ToString("N0", CultureInfo.InvariantCulture));
            context.Console.Write(table);
            var keys = new Table().AddColumns("key file", "holds", "protection");
            foreach (var file in files)
            {
                var protection = Markup.Escape(file.Protection);
                keys.AddRow(Markup.Escape(file.Path), Markup.Escape(file.Holds), file.Encrypted == false ? $"[yellow]{protection}[/]" : protection);
            }

            context.Console.Write(keys);
            return 0;
        }));
        var keep = new Option<bool>("--keep-old") { Description = "Keep the old key-encryption key in the key store instead of destroying it." };
        var rotate = new Command(
            "rotate",
            "Rewrap every data key under a new key-encryption key in one transaction, then destroy the old one. The data itself is not re-encrypted.") { keep };
        rotate.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, platform =>
        {
            var rotation = platform.Get<KeyRotation>().Rotate(parse.GetValue(keep));
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

    // What holds the platform keys, said without opening it: a token needs its PIN to be opened.
    private static string KeyStoreOf(DataFolder folder)
    {
        if (Pkcs11Settings.Read(folder.Pkcs11SettingsPath) is { } token)
        {
            return $"PKCS#11 token '{token.Token}'";
        }

        using var store = new FileKeyStore(Path.Combine(folder.Root, "keys"), CliContext.KeyPassphrase);
        return store.Description;
    }

    // Whether the passphrase given opens the folder's keys: a status, never a failure.
    private static string Passphrase(DataFolder folder, IReadOnlyList<KeyFileEntry> files)
    {
        var encrypted = files.Any(f => f.Encrypted == true && f.Path.EndsWith(".key", StringComparison.Ordinal));
        if (string.IsNullOrEmpty(CliContext.KeyPassphrase))
        {
            return encrypted ? $"not set; {FileKeyStore.PassphraseVariable} is needed by every command that opens a key" : "not set";
        }

        if (!encrypted)
        {
            return "set, but the key files are not encrypted";
        }

        try
        {
            if (Pkcs11Settings.Read(folder.Pkcs11SettingsPath) is null)
            {
                using var store = new FileKeyStore(Path.Combine(folder.Root, "keys"), CliContext.KeyPassphrase);
                store.EnsurePassphraseOpens();
            }
            else
            {
                folder.LoadTlsCertificate(CliContext.KeyPassphrase).Dispose();
            }

            return "set; it opens them";
        }
        catch (KeyUnavailableException)
        {
            return "set, but it does not open them: wrong passphrase";
        }
    }
}

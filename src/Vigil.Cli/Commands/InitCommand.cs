using System.CommandLine;
using Spectre.Console;
using Vigil.Identity.Certificates;
using Vigil.Identity.Keys;
using Vigil.Identity.Provisioning;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil init</c>: create a data folder with development keys and certificates.</summary>
internal static class InitCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command(
            "init",
            "Create the data folder: platform CA, ingest and signing keys with certificates, and a trusted development maker CA. Existing keys are kept.");
        var module = new Option<string?>("--pkcs11-module") { Description = "Keep the platform keys on a PKCS#11 token: the module's path (such as /usr/lib/softhsm/libsofthsm2.so). The PIN is read from VIGIL_PKCS11_PIN." };
        var token = new Option<string?>("--pkcs11-token") { Description = "The label of the PKCS#11 token holding the platform keys." };
        var store = new Option<string?>("--store") { Description = "Keep the record in PostgreSQL: an Npgsql connection string (Host=...;Database=...;Username=...;Password=...)." };
        command.Options.Add(module);
        command.Options.Add(token);
        command.Options.Add(store);
        command.SetAction(parse =>
        {
            var folder = new DataFolder(parse.GetValue(data)!.FullName);
            try
            {
                if (parse.GetValue(module) is { } path)
                {
                    if (parse.GetValue(token) is not { } label)
                    {
                        return context.Fail("--pkcs11-module needs --pkcs11-token.", 2);
                    }

                    folder.UsePkcs11(new Pkcs11Settings(path, label));
                }

                if (parse.GetValue(store) is { } connection)
                {
                    using var database = new Record.Postgres.PostgresDatabase(connection);
                    database.Migrate();
                    folder.WriteStore(connection);
                }

                var created = folder.Initialize(context.Time, CliContext.KeyPassphrase);
                Report(context, folder, created);
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or System.Data.Common.DbException or InvalidDataException)
            {
                return context.Fail(e.Message, 3);
            }
        });
        return command;
    }

    public static void Report(CliContext context, DataFolder folder, IReadOnlyList<string> created)
    {
        var console = context.Console;
        if (created.Count == 0)
        {
            console.MarkupLineInterpolated($"Data folder [bold]{folder.Root}[/] was already initialised.");
        }
        else
        {
            console.MarkupLineInterpolated($"Initialised [bold]{folder.Root}[/]: created {string.Join(", ", created)}.");
        }

        var table = new Table().AddColumns("key", "certificate subject", "kid", "valid until");
        foreach (var (name, cert) in new[] { ("platform CA", folder.PlatformCaCertificate), ("ingest", folder.IngestCertificate), ("signing", folder.SigningCertificate) })
        {
            using (cert)
            {
                table.AddRow(name, Markup.Escape(cert.Subject), CertificateKeyId.HexOf(cert), cert.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd"));
            }
        }

        console.Write(table);
        using (var keys = folder.OpenKeyStore(CliContext.KeyPassphrase))
        {
            console.MarkupLineInterpolated($"Key store: {keys.Description}.");
        }

        if (CliContext.KeyPassphrase is null)
        {
            console.MarkupLine("[yellow]note:[/] keys are protected by file permissions only; set VIGIL_KEY_PASSPHRASE before init to encrypt them.");
        }
    }
}

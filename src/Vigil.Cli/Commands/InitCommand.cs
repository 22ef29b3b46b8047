using System.CommandLine;
using Spectre.Console;
using Vigil.Identity.Certificates;
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
        command.SetAction(parse =>
        {
            var folder = new DataFolder(parse.GetValue(data)!.FullName);
            var created = folder.Initialize(context.Time, CliContext.KeyPassphrase);
            Report(context, folder, created);
            return 0;
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
        console.MarkupLineInterpolated($"Key store: {folder.OpenKeyStore(CliContext.KeyPassphrase).Description}.");
        if (CliContext.KeyPassphrase is null)
        {
            console.MarkupLine("[yellow]note:[/] keys are protected by file permissions only; set VIGIL_KEY_PASSPHRASE before init to encrypt them.");
        }
    }
}

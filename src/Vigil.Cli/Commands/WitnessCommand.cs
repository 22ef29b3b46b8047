using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Spectre.Console;
using Vigil.Record.Ledger;
using Vigil.Record.Witness;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil witness serve|key</c>: a C2SP tlog-witness that cosigns Vigil's checkpoints, run apart from the log.</summary>
internal static class WitnessCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("witness", "A C2SP tlog-witness for Vigil ledgers: cosigns checkpoints consistent with the latest it cosigned, refuses a log that shrank or forked.");
        command.Subcommands.Add(Serve(context));
        command.Subcommands.Add(Key(context));
        return command;
    }

    private static Option<DirectoryInfo> StateOption() => new("--state") { Description = "The witness's state folder (its key and the latest cosigned size and root of each log).", Required = true };

    private static Command Serve(CliContext context)
    {
        var state = StateOption();
        var listen = new Option<string>("--listen") { Description = "Address to bind (default 127.0.0.1).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "HTTP port (default 7380; 0 picks a free one).", DefaultValueFactory = _ => 7380 };
        var certificates = new Option<FileInfo[]>("--log-certificate") { Description = "A log's signing certificate (signing.crt); repeat for several logs.", Required = true, AllowMultipleArgumentsPerToken = false };
        var origin = new Option<string?>("--origin") { Description = "The log's origin line, if not vigil.ledger/KEYID of its certificate (one certificate only)." };
        var name = new Option<string?>("--name") { Description = "The witness's name when its key is made (default vigil.witness/ and a hash of its key)." };
        var command = new Command("serve", "Serve POST /add-checkpoint (C2SP tlog-witness) over HTTP; makes the witness key on first start and prints its vkey. Ctrl-C stops it.")
        {
            state, listen, port, certificates, origin, name,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var logs = new List<WitnessedLog>();
            var files = parse.GetValue(certificates)!;
            if (parse.GetValue(origin) is { } named && files.Length != 1)
            {
                return context.Fail("--origin names the origin of one --log-certificate.", 2);
            }

            foreach (var file in files)
            {
                try
                {
                    using var certificate = X509CertificateLoader.LoadCertificateFromFile(file.FullName);
                    var key = certificate.GetECDsaPublicKey() ?? throw new CryptographicException("it holds no EC key");
                    logs.Add(new WitnessedLog(parse.GetValue(origin) ?? CheckpointSigner.OriginOf(certificate), key));
                }
                catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
                {
                    return context.Fail($"Cannot read the log certificate {file.FullName}: {e.Message}", 2);
                }
            }

            LogWitness witness;
            try
            {
                witness = Open(context, parse.GetValue(state)!, parse.GetValue(name), logs);
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                return context.Fail($"Cannot open the witness key: {e.Message}", 2);
            }

            return await WitnessServer.RunAsync(context, witness, logs, parse.GetValue(listen)!, parse.GetValue(port), cancellation);
        });
        return command;
    }

    private static Command Key(CliContext context)
    {
        var state = StateOption();
        var command = new Command("key", "Print the witness's name and vkey (for Vigil:Witnesses and vigil audit monitor --witness-key).") { state };
        command.SetAction(parse =>
        {
            var path = Path.Combine(parse.GetValue(state)!.FullName, WitnessKeyFile.FileName);
            if (!File.Exists(path))
            {
                return context.Fail($"No witness key in {parse.GetValue(state)!.FullName}; `vigil witness serve` makes one.", 1);
            }

            try
            {
                var (key, cosigner) = WitnessKeyFile.Load(path, CliContext.KeyPassphrase);
                key.Dispose();
                Print(context, cosigner);
                return 0;
            }
            catch (CryptographicException e)
            {
                return context.Fail(e.Message, 2);
            }
        });
        return command;
    }

    private static LogWitness Open(CliContext context, DirectoryInfo state, string? name, IReadOnlyList<WitnessedLog> logs)
    {
        Directory.CreateDirectory(state.FullName);
        var (key, cosigner, created) = WitnessKeyFile.LoadOrCreate(state.FullName, name, CliContext.KeyPassphrase);
        if (created)
        {
            context.Console.MarkupLineInterpolated($"Made a new witness key in {state.FullName}.");
        }

        Print(context, cosigner);
        return new LogWitness(key, cosigner, logs, new WitnessState(state.FullName), context.Time);
    }

    private static void Print(CliContext context, CosignerKey cosigner)
    {
        context.Console.WriteLine($"name {cosigner.Name}");
        context.Console.WriteLine($"vkey {cosigner.Vkey}");
    }
}

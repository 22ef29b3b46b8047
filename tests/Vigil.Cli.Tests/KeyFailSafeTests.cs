using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Identity.Keys;
using Vigil.Record.Witness;
using Vigil.Tests.Shared;

namespace Vigil.Cli.Tests;

/// <summary>
/// Keys and files that fail safe: a wrong or missing passphrase is a key error with its own exit
/// code (6), in one line, for every command that opens a key, never taken for tampering and never
/// leaving a key only it opens; the audit and the key status need no key at all (no passphrase, no
/// token), and the status names each key file and whether it is encrypted; the data folder and
/// the record are the owner's alone. Each run
/// is a real <c>vigil</c> process, since the passphrase comes from its environment.
/// </summary>
public sealed class KeyFailSafeTests : IDisposable
{
    private const string Right = "correct horse battery staple";
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-keys-").FullName;

    private string Data => Path.Combine(_root, "data");

    [Fact]
    public async Task WrongPassphrase_IsAKeyErrorAndAddsNoKey()
    {
        await InitAsync();
        var keys = KeyFiles();

        var (code, output) = await RunAsync("wrong passphrase", "patient", "add", "--id", "p-1", "--name", "Ada");

        Assert.True(code == 6, output);
        Assert.Contains("wrong passphrase", output, StringComparison.Ordinal);
        Assert.DoesNotContain("audit", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" at Vigil.", output, StringComparison.Ordinal);
        Assert.Equal(keys, KeyFiles());
        var (added, addOutput) = await RunAsync(Right, "patient", "add", "--id", "p-1", "--name", "Ada");
        Assert.True(added == 0, addOutput);
    }

    [Fact]
    public async Task NoPassphrase_OnAnEncryptedFolder_IsAKeyErrorButAuditAndStatusWork()
    {
        await InitAsync();
        Assert.Equal(0, (await RunAsync(Right, "patient", "add", "--id", "p-1", "--name", "Ada")).Code);

        var (code, output) = await RunAsync(null, "patient", "list");
        var (audit, auditOutput) = await RunAsync(null, "audit", "verify");
        var (status, statusOutput) = await RunAsync(null, "keys", "status");

        Assert.True(code == 6, output);
        Assert.Contains("VIGIL_KEY_PASSPHRASE is not set", output, StringComparison.Ordinal);
        Assert.True(audit == 0, auditOutput);
        Assert.Contains("matches its ledger", auditOutput, StringComparison.Ordinal);
        Assert.True(status == 0, statusOutput);
        Assert.Contains("encrypted PKCS#8", statusOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("unencrypted", statusOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithAWrongPassphrase_ExitsWithTheKeyErrorCode()
    {
        await InitAsync();
        var ports = FreePorts.Take(4).Select(p => p.ToString(CultureInfo.InvariantCulture)).ToArray();

        var (code, output) = await RunAsync(
            "wrong passphrase", "serve", "--https-port", ports[0], "--mqtt-port", ports[1], "--silo-port", ports[2], "--orleans-gateway-port", ports[3]);

        Assert.True(code == 6, output);
        Assert.Contains("cannot start", output, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Vigil.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataFolderAndRecord_AreTheOwnersAlone()
    {
        await InitAsync();
        Assert.Equal(0, (await RunAsync(Right, "patient", "add", "--id", "p-1", "--name", "Ada")).Code);
        var db = Path.Combine(Data, "vigil.db");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Data));
        foreach (var file in new[] { db, db + "-wal", db + "-shm" }.Where(File.Exists).Append(db))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        foreach (var key in Directory.EnumerateFiles(Path.Combine(Data, "keys")).Concat(Directory.EnumerateFiles(Path.Combine(Data, "pki"), "*.key")))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
    }

    [Fact]
    public async Task WrongOrNoPassphrase_EveryCommandThatOpensAKey_IsAOneLineKeyError()
    {
        await InitAsync();
        Assert.Equal(0, (await RunAsync(Right, "patient", "add", "--id", "p-1", "--name", "Ada")).Code);
        var witness = Path.Combine(_root, "witness");
        Directory.CreateDirectory(witness);
        WitnessKeyFile.LoadOrCreate(witness, null, Right).Key.Dispose();
        var ports = FreePorts.Take(4).Select(p => p.ToString(CultureInfo.InvariantCulture)).ToArray();
        string[][] commands =
        [
            ["init"],
            ["patient", "list"],
            ["device", "mint", "--model", "CGM", "--lot", "L1", "--serial", "s2", "--firmware", "1.0"],
            ["relay", "add", "hub-1"],
            ["keys", "rotate"],
            ["witness", "key", "--state", witness],
            ["serve", "--https-port", ports[0], "--mqtt-port", ports[1], "--silo-port", ports[2], "--orleans-gateway-port", ports[3]],
        ];

        foreach (var passphrase in new[] { "wrong passphrase", null })
        {
            foreach (var command in commands)
            {
                var (code, raw) = await RunRawAsync(passphrase, command);
                var lines = raw.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var what = $"vigil {string.Join(' ', command)} with {passphrase ?? "no passphrase"}: {raw}";
                Assert.True(code == 6, what);
                Assert.True(lines is [var line] && line.StartsWith("error:", StringComparison.Ordinal), what);
                Assert.True(lines[0].Contains(passphrase is null ? "VIGIL_KEY_PASSPHRASE is not set" : "wrong passphrase", StringComparison.Ordinal), what);
                Assert.DoesNotContain("audit", lines[0], StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("integrity", lines[0], StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.False(Directory.Exists(Path.Combine(Data, "devices", "cgm-s2")));
        Assert.False(Directory.Exists(Path.Combine(Data, "relays", "hub-1")));
    }

    [Fact]
    public async Task AuditVerify_OnANewEncryptedFolder_NeedsNoPassphraseAndCreatesNoKey()
    {
        await InitAsync();
        var keys = KeyFiles();

        foreach (var passphrase in new[] { null, "wrong passphrase" })
        {
            var (code, output) = await RunAsync(passphrase, "audit", "verify");
            Assert.True(code == 0, output);
            Assert.Contains("matches its ledger", output, StringComparison.Ordinal);
        }

        Assert.Equal(keys, KeyFiles());
        var (added, addOutput) = await RunAsync(Right, "patient", "add", "--id", "p-1", "--name", "Ada");
        Assert.True(added == 0, addOutput);
        Assert.Equal(0, (await RunAsync(null, "audit", "verify")).Code);
    }

    [Fact]
    public async Task AuditVerifyAndKeysStatus_OnAFolderWhoseTokenIsOutOfReach_OpenNoKey()
    {
        Assert.Equal(0, (await RunAsync(null, "init")).Code);
        Assert.Equal(0, (await RunAsync(null, "patient", "add", "--id", "p-1", "--name", "Ada")).Code);
        new Pkcs11Settings("/nonexistent/libpkcs11.so", "vigil-test").Write(Path.Combine(Data, "keys", "pkcs11.json"));

        var (audit, auditOutput) = await RunAsync(null, "audit", "verify");
        var (status, statusOutput) = await RunAsync(null, "keys", "status");
        var (read, readOutput) = await RunAsync(null, "patient", "list");

        Assert.True(audit == 0, auditOutput);
        Assert.Contains("matches its ledger", auditOutput, StringComparison.Ordinal);
        Assert.True(status == 0, statusOutput);
        Assert.Contains("PKCS#11 token 'vigil-test'", statusOutput, StringComparison.Ordinal);
        Assert.True(read != 0, readOutput);
    }

    [Fact]
    public async Task KeysStatus_WithoutThePassphrase_NamesEachEncryptedKey()
    {
        await InitAsync();
        var (fresh, freshOutput) = await RunAsync(null, "keys", "status");
        Assert.True(fresh == 0, freshOutput);
        Assert.Equal(0, (await RunAsync(Right, "patient", "add", "--id", "p-1", "--name", "Ada")).Code);
        Assert.Equal(0, (await RunAsync(Right, "device", "mint", "--model", "CGM", "--lot", "L1", "--serial", "s1", "--firmware", "1.0")).Code);
        string[] files = ["keys/platform-ca.key", "keys/ingest.key", "keys/signing.key", "keys/kek-1.key", "pki/tls.key", "maker/dev-maker-ca.key", "devices/cgm-s1/device.key"];

        foreach (var (passphrase, says) in new[] { ((string?)null, "not set"), ("wrong passphrase", "does not open") })
        {
            var (code, raw) = await RunRawAsync(passphrase, "keys", "status");
            Assert.True(code == 0, raw);
            var lines = raw.Split('\n');
            foreach (var file in files)
            {
                var row = lines.SingleOrDefault(l => l.Contains(file, StringComparison.Ordinal));
                Assert.True(row is not null && row.Contains("encrypted", StringComparison.Ordinal) && !row.Contains("not encrypted", StringComparison.Ordinal), $"{file}: {raw}");
            }

            Assert.Contains(lines, l => l.Contains("passphrase", StringComparison.Ordinal) && l.Contains(says, StringComparison.Ordinal));
        }

        var (right, rightOutput) = await RunAsync(Right, "keys", "status");
        Assert.True(right == 0, rightOutput);
        Assert.Contains("opens them", rightOutput, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task InitAsync()
    {
        var (code, output) = await RunAsync(Right, "init");
        Assert.True(code == 0, output);
    }

    private string[] KeyFiles() => [.. Directory.EnumerateFiles(Path.Combine(Data, "keys")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    private async Task<(int Code, string Output)> RunAsync(string? passphrase, params string[] args)
    {
        var (code, output) = await RunRawAsync(passphrase, args);
        return (code, Regex.Replace(output, @"\s+", " "));
    }

    private async Task<(int Code, string Output)> RunRawAsync(string? passphrase, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vigil.dll"));
        foreach (var arg in args.Concat(["--data", Data]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("VIGIL_KEY_PASSPHRASE");
        start.Environment.Remove("VIGIL_PKCS11_PIN");
        if (passphrase is not null)
        {
            start.Environment["VIGIL_KEY_PASSPHRASE"] = passphrase;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}

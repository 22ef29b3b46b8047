using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Tests.Shared;

namespace Vigil.Cli.Tests;

/// <summary>
/// Keys and files that fail safe: a wrong or missing passphrase is a key error with its own exit
/// code (6), never taken for tampering and never leaving a key only it opens; the audit and the
/// key status need no passphrase; the data folder and the record are the owner's alone. Each run
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

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task InitAsync()
    {
        var (code, output) = await RunAsync(Right, "init");
        Assert.True(code == 0, output);
    }

    private string[] KeyFiles() => [.. Directory.EnumerateFiles(Path.Combine(Data, "keys")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    private async Task<(int Code, string Output)> RunAsync(string? passphrase, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vigil.dll"));
        foreach (var arg in args.Concat(["--data", Data]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("VIGIL_KEY_PASSPHRASE");
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

        return (process.ExitCode, Regex.Replace(await stdout + await stderr, @"\s+", " "));
    }
}

using System.Diagnostics;

namespace Vigil.Cli.Tests;

public sealed class DemoTests
{
    [Fact]
    public void Demo_FreshFolder_AcceptsGenuineBatchesAndRejectsEveryAttack()
    {
        using var cli = new CliRunner();

        var (code, output) = cli.Run("demo");

        Assert.Equal(0, code);
        Assert.Contains("All 18 steps turned out as required", output);
        foreach (var expected in new[] { "decryption-failed", "replay", "bad-signature", "unknown-key-id", "malformed", "nesting-too-deep", "oversized", "ciphertext-only" })
        {
            Assert.Contains(expected, output);
        }
    }

    [Fact]
    public void Demo_SecondRun_ContinuesEachDevicesSequence()
    {
        using var cli = new CliRunner();
        cli.Run("demo");

        var (code, output) = cli.Run("demo");

        Assert.Equal(0, code);
        Assert.DoesNotContain("#1: ", output);
    }

    [Fact]
    public async Task Demo_AsARealProcess_ExitsZero()
    {
        using var cli = new CliRunner();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "vigil.dll"), "demo", "--data", cli.DataFolder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, await stdout + await stderr);
        Assert.Contains("turned out as required", await stdout);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Tests.Shared;

namespace Vigil.Cli.Tests;

public sealed partial class DemoTests
{
    [Fact]
    public async Task Demo_FreshFolder_ShowsAttacksRefusedThenServesALiveFleet()
    {
        using var cli = new CliRunner();

        var (code, output) = cli.Run(["demo", "--duration", "00:00:06", "--patients", "3", "--speed", "600", .. PortArgs()]);

        Assert.True(code == 0, output);
        Assert.Contains("All 18 steps turned out as required", output);
        Assert.Contains("12 of 12 attacks detected.", output);
        foreach (var expected in new[] { "decryption-failed", "replay", "bad-signature", "unknown-key-id", "malformed", "nesting-too-deep", "oversized", "ciphertext-only" })
        {
            Assert.Contains(expected, output);
        }

        var roaming = Regex.Match(output, @"The simulated hubs roamed (\d+) times across (\d+) addresses.*; clone incidents on simulated devices: (\d+)\.");
        Assert.True(roaming.Success, output);
        Assert.True(int.Parse(roaming.Groups[2].Value, CultureInfo.InvariantCulture) > 3, output);
        Assert.Equal("0", roaming.Groups[3].Value);
        var stored = long.Parse(RecordHolds().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(stored > 0, output);
        Assert.Matches(@"The console: https://127\.0\.0\.1:\d+/", output);
        await using var record = Record.RecordStore.Open(new Identity.Provisioning.DataFolder(cli.DataFolder), null, TimeProvider.System);
        foreach (var role in new[] { "Clinician", "Analyst", "Admin" })
        {
            var printed = Regex.Match(output, $@"{role}\s*│\s*(\S+)\s*│\s*(\S+)\s*│");
            Assert.True(printed.Success, $"no credentials for {role} in:\n{output}");
            var user = await record.Access.FindUserAsync(printed.Groups[1].Value, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(Server.Access.StaffPasswords.Verify(user?.PasswordHash, printed.Groups[2].Value), $"the printed password of {role} does not sign in");
        }

        var ward = (await record.Access.TeamsAsync(cancellationToken: TestContext.Current.CancellationToken)).Single(t => t.Id == "demo-ward");
        Assert.Equal(["clinician"], ward.Members);
        Assert.Equal((await record.Registry.ListPatientsAsync(cancellationToken: TestContext.Current.CancellationToken)).Count, ward.Patients.Count);
    }

    [Fact]
    public void Demo_SecondRun_ContinuesEachDevicesSequence()
    {
        using var cli = new CliRunner();
        string[] args = ["demo", "--duration", "00:00:02", "--patients", "1", .. PortArgs()];
        cli.Run(args);

        var (code, output) = cli.Run(args);

        Assert.True(code == 0, output);
        Assert.DoesNotContain("#1: ", output);
        Assert.Contains("duplicates 0, refused 0", output);
    }

    [Fact]
    public async Task Demo_AsARealProcess_ExitsZero()
    {
        using var cli = new CliRunner();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "vigil.dll"), "demo", "--data", cli.DataFolder, "--duration", "00:00:03", "--patients", "2" }.Concat(PortArgs()))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, await stdout + await stderr);
        Assert.Contains("turned out as required", await stdout);
        Assert.Contains("Simulation stopped", await stdout);
    }

    private static string[] PortArgs()
    {
        var ports = FreePorts.Take(4).Select(p => p.ToString(CultureInfo.InvariantCulture)).ToArray();
        return ["--https-port", ports[0], "--mqtt-port", ports[1], "--silo-port", ports[2], "--orleans-gateway-port", ports[3]];
    }

    [GeneratedRegex(@"The record holds (\d+) batches")]
    private static partial Regex RecordHolds();
}

using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Tests.Shared;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil simulate</c> restarted on the same data folder against a running server (T19 false alarms).</summary>
public sealed partial class SimulateRestartTests
{
    [Fact]
    public async Task Simulate_RestartedOnTheSameFolder_ContinuesTimeWithoutAClockIncident()
    {
        using var cli = new CliRunner();
        var (init, initOutput) = cli.Run("init");
        Assert.True(init == 0, initOutput);
        var ports = FreePorts.Take(4);
        using var server = ServerProcess.Start(cli.DataFolder, ports[0], ports[1], ports[2], ports[3]);
        await server.WaitUntilServingAsync();
        Assert.False(server.HasExited, server.Output);
        // At 1600x a run covers 4.4 simulated hours: longer than a simulated hub can be offline at a
        // stretch (one day's outage of up to 120 minutes ending at midnight, then the next day's
        // starting there), so every run sends whatever time of day it starts at.
        string[] simulate =
        [
            "simulate", "--patients", "1", "--speed", "1600", "--duration", "00:00:10",
            "--server", string.Create(CultureInfo.InvariantCulture, $"mqtts://127.0.0.1:{ports[1]}"),
            "--https-port", ports[0].ToString(CultureInfo.InvariantCulture),
        ];

        var (first, firstOutput) = cli.Run(simulate);
        Assert.True(first == 0, firstOutput);
        var mark = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(File.ReadAllText(Path.Combine(cli.DataFolder, "simulator", "clock")), CultureInfo.InvariantCulture));
        var (second, secondOutput) = cli.Run(simulate);
        Assert.True(second == 0, secondOutput);

        var start = StartsAt().Match(secondOutput);
        Assert.True(start.Success, secondOutput);
        Assert.Equal(mark.ToString("u", CultureInfo.InvariantCulture), start.Groups[1].Value);
        Assert.Contains("where the fleet stopped", secondOutput);
        Assert.Matches(@"stored [1-9][0-9]* \(", secondOutput);
        var (_, incidents) = cli.Run("incidents");
        Assert.DoesNotContain("clock-skew", incidents);
        Assert.DoesNotContain("clone", incidents);
        var (_, suspect) = cli.Run("readings", "--status", "Suspect", "--limit", "100000");
        Assert.DoesNotContain("clock-s", suspect);
        await server.TerminateAsync(TimeSpan.FromSeconds(20));
    }

    [GeneratedRegex(@"Simulated time starts at (\S+ \S+),")]
    private static partial Regex StartsAt();
}

using Vigil.Simulator.Attacks;

namespace Vigil.Cli.Tests;

public sealed class AttackLabTests(AttackLabFixture lab) : IClassFixture<AttackLabFixture>
{
    public static TheoryData<string> Scenarios => [.. AttackCatalog.All.Select(s => s.Id)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void AttackRun_AgainstARealServer_IsDetected(string scenario)
    {
        var (code, output) = lab.Cli.Run("attack", "run", scenario, "--server", lab.Server, "--within", "00:00:20");

        Assert.True(code == 0, output);
        Assert.Contains("1 of 1 attacks detected.", output);
        Assert.DoesNotContain("could not run", output);
    }

    [Fact]
    public void AttackRun_Threat_RunsEachOfItsScenarios()
    {
        var (code, output) = lab.Cli.Run("attack", "run", "t06", "--server", lab.Server, "--within", "00:00:20");

        Assert.True(code == 0, output);
        Assert.Contains("T06-stale", output);
        Assert.Contains("T06-flatline", output);
        Assert.Contains("2 of 2 attacks detected.", output);
    }

    [Fact]
    public void AttackRun_UnknownScenario_IsAUsageError()
    {
        var (code, output) = lab.Cli.Run("attack", "run", "T99", "--server", lab.Server);

        Assert.Equal(2, code);
        Assert.Contains("no scenario 'T99'", output);
    }

    [Fact]
    public void AttackRun_NoServerListening_ReportsItCouldNotRunAndFails()
    {
        var closed = Vigil.Tests.Shared.FreePorts.Take(1)[0];

        var (code, output) = lab.Cli.Run("attack", "run", "T19-clock", "--server", $"mqtts://127.0.0.1:{closed}", "--within", "00:00:02");

        Assert.Equal(1, code);
        Assert.Contains("could not run", output);
        Assert.Contains("0 of 1 attacks detected.", output);
    }

    [Fact]
    public void AttackList_ShowsEveryScenarioWithWhatVigilMustDo()
    {
        var (code, output) = lab.Cli.Run("attack", "list");

        Assert.Equal(0, code);
        Assert.All(AttackCatalog.All, s => Assert.Contains(s.Id, output));
    }

    [Theory]
    [InlineData("T06", 2)]
    [InlineData("t05-clone", 1)]
    [InlineData("T05-CLONE", 1)]
    [InlineData("T0", 0)]
    [InlineData("T06-flat", 0)]
    [InlineData("T19", 2)]
    [InlineData("T19-clock", 1)]
    [InlineData("t19-clock-back", 1)]
    public void Select_NameOrThreat_MatchesItsScenarios(string name, int expected)
    {
        Assert.Equal(expected, AttackCatalog.Select(name).Count);
    }
}

namespace Vigil.Cli.Tests;

public sealed class AttackScorecardTests
{
    [Fact]
    public void Scorecard_FreshEmbeddedVigil_DetectsEveryAttackAndTheCleanFleetRaisesNoFalseAlarm()
    {
        using var cli = new CliRunner();

        var (code, output) = cli.Run("attack", "scorecard", "--patients", "3", "--within", "00:00:20");

        Assert.True(code == 0, output);
        Assert.Contains("12 of 12 attacks detected.", output);
        Assert.Contains("security events on clean devices │ 0", output);
        Assert.Contains("clean readings not Verified      │ 0", output);
        Assert.Contains("clone incidents on clean devices │ 0", output);
        var roamed = System.Text.RegularExpressions.Regex.Match(output, @"roamed (\d+) times across (\d+) addresses");
        Assert.True(roamed.Success && int.Parse(roamed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, output);
        Assert.Contains("no false alarm", output);
    }

    [Fact]
    public void Scorecard_BadOptions_AreAUsageError()
    {
        using var cli = new CliRunner();

        var (code, output) = cli.Run("attack", "scorecard", "--patients", "0");

        Assert.Equal(2, code);
        Assert.Contains("--patients must be", output);
    }
}

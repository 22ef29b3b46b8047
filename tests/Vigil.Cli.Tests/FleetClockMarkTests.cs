using Vigil.Simulator.Fleet;

namespace Vigil.Cli.Tests;

public sealed class FleetClockMarkTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-mark-").FullName;

    [Fact]
    public void StartAt_FirstRun_StartsTheHistoryBack()
    {
        var mark = FleetClockMark.InDataFolder(_root, 60);

        Assert.Null(mark.Stored);
        Assert.Equal(Now.AddDays(-1), mark.StartAt(Now, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void StartAt_AfterARun_GoesOnAtTheReservedMarkNeverAheadOfNow()
    {
        var used = Now.AddHours(-5);
        FleetClockMark.InDataFolder(_root, 60).Advance(used);

        var reopened = FleetClockMark.InDataFolder(_root, 60);

        Assert.True(reopened.StartAt(Now, TimeSpan.FromDays(1)) > used);
        Assert.Equal(Now.AddHours(-6), reopened.StartAt(Now.AddHours(-6), TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Advance_EarlierTime_NeverMovesTheMarkBack()
    {
        var mark = FleetClockMark.InDataFolder(_root, 60);
        mark.Advance(Now);
        var reserved = FleetClockMark.InDataFolder(_root, 60).Stored;

        mark.Advance(Now.AddHours(-3));

        Assert.Equal(reserved, FleetClockMark.InDataFolder(_root, 60).Stored);
    }

    [Fact]
    public void InDataFolder_FileWithOtherContent_IsAClearError()
    {
        Directory.CreateDirectory(Path.Combine(_root, "simulator"));
        File.WriteAllText(Path.Combine(_root, "simulator", "clock"), "yesterday");

        var error = Assert.Throws<InvalidDataException>(() => FleetClockMark.InDataFolder(_root, 60));
        Assert.Contains("simulated clock mark", error.Message);
    }

    [Fact]
    public void Simulate_NegativeClockBack_IsAUsageError()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, cli.Run("init").ExitCode);

        var (code, output) = cli.Run("simulate", "--clock-back", "-01:00:00", "--server", "mqtts://127.0.0.1:1");

        Assert.Equal(2, code);
        Assert.Contains("--clock-back 0 to 7.00:00:00", output);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

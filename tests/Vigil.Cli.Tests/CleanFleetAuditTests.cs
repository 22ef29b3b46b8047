using Vigil.Simulator.Fleet;

namespace Vigil.Cli.Tests;

public sealed class CleanFleetAuditTests
{
    [Fact]
    public void Run_CleanFleetOfTwentyPatientDays_StaysWithinTheFalseAlarmBound()
    {
        var result = CleanFleetAudit.Run(patients: 20, days: 1, new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero));

        Assert.True(result.Readings > 3_000_000, $"only {result.Readings} readings");
        Assert.True(result.SuspectRate <= 0.01, $"{result.SuspectRate:P3} suspect: {string.Join(", ", result.ByReason.Select(r => $"{r.Key} {r.Value}"))}");
        Assert.Equal(0, result.ClockIncidents);
        Assert.True(result.AddressChanges > 100 && result.TransportSwitches > 10, $"{result.AddressChanges} address changes, {result.TransportSwitches} transport switches");
        Assert.Equal(0, result.CloneIncidents);
    }
}

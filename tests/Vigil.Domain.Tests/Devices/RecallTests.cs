using Vigil.Domain.Devices;

namespace Vigil.Domain.Tests.Devices;

public sealed class RecallTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("", "", "", "G7", "L1", "SN0005", "1.0", true)]
    [InlineData("", "", "", "G6", "L1", "SN0005", "1.0", false)]
    [InlineData("L1,L2", "", "", "G7", "L2", "SN0005", "1.0", true)]
    [InlineData("L1,L2", "", "", "G7", "L3", "SN0005", "1.0", false)]
    [InlineData("", "SN0005", "", "G7", "L1", "SN0005", "1.0", true)]
    [InlineData("", "SN0005", "", "G7", "L1", "SN0006", "1.0", false)]
    [InlineData("", "SN0003..SN0007", "", "G7", "L1", "SN0003", "1.0", true)]
    [InlineData("", "SN0003..SN0007", "", "G7", "L1", "SN0007", "1.0", true)]
    [InlineData("", "SN0003..SN0007", "", "G7", "L1", "SN0008", "1.0", false)]
    [InlineData("", "SN0003..SN0007", "", "G7", "L1", "SN00050", "1.0", false)]
    [InlineData("", "SN0001,SN0003..SN0007", "", "G7", "L1", "SN0001", "1.0", true)]
    [InlineData("", "", "1.0,1.1", "G7", "L1", "SN0005", "1.1", true)]
    [InlineData("", "", "1.0,1.1", "G7", "L1", "SN0005", "2.0", false)]
    [InlineData("L1", "SN0003..SN0007", "1.0", "G7", "L1", "SN0004", "2.0", false)]
    public void Covers_Device_MatchesModelLotSerialAndFirmware(
        string lots, string serials, string firmware, string model, string lot, string serial, string version, bool covered)
    {
        var recall = new Recall(0, "G7", List(lots), List(serials), List(firmware), At, "sensor reads low", At);

        Assert.Equal(covered, recall.Covers(model, lot, serial, version));
    }

    private static string[] List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

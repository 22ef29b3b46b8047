using CsCheck;
using Vigil.Domain.Devices;

namespace Vigil.Domain.Tests;

public sealed class DeviceIdTests
{
    [Theory]
    [InlineData("cgm-0001", true)]
    [InlineData("a", true)]
    [InlineData("g7.sn_9-x", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("-lead", false)]
    [InlineData("Upper", false)]
    [InlineData("with space", false)]
    [InlineData("a/b", false)]
    [InlineData("../etc", false)]
    [InlineData("topic+", false)]
    [InlineData("topic#", false)]
    public void TryParse_Text_AcceptsOnlyTheSafeForm(string? text, bool valid) =>
        Assert.Equal(valid, DeviceId.TryParse(text, out _));

    [Fact]
    public void TryParse_LongerThan64_Fails()
    {
        Assert.True(DeviceId.TryParse(new string('a', 64), out _));
        Assert.False(DeviceId.TryParse(new string('a', 65), out _));
    }

    [Fact]
    public void FromModelAndSerial_AnyText_GivesAValidId()
    {
        Gen.Select(Gen.String[1, 40], Gen.String[1, 40])
            .Where((m, s) => (m + s).Any(char.IsAsciiLetterOrDigit))
            .Sample((model, serial) =>
            {
                var id = DeviceId.FromModelAndSerial("M" + model, serial);
                return DeviceId.TryParse(id.Value, out _);
            });
    }

    [Fact]
    public void FromModelAndSerial_Typical_LowerCasesAndJoins() =>
        Assert.Equal("g7-sn000123", DeviceId.FromModelAndSerial("G7", "SN000123").Value);
}

using CsCheck;
using Vigil.Domain.Devices;

namespace Vigil.Domain.Tests.Devices;

public sealed class RelayIdTests
{
    [Theory]
    [InlineData("sim-hub-0001", true)]
    [InlineData("hub-1", true)]
    [InlineData("a", true)]
    [InlineData("9", true)]
    [InlineData("phone.app_2-x", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("-lead", false)]
    [InlineData(".hidden", false)]
    [InlineData("Hub", false)]
    [InlineData("with space", false)]
    [InlineData("a/b", false)]
    [InlineData("../etc", false)]
    [InlineData("topic+", false)]
    [InlineData("topic#", false)]
    [InlineData("hub@home", false)]
    public void TryParse_Text_AcceptsOnlyTheSafeForm(string? text, bool valid)
    {
        Assert.Equal(valid, RelayId.TryParse(text, out var id));
        Assert.Equal(valid ? text : string.Empty, id.ToString());
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void TryParse_Length_IsOneTo64(int length, bool valid) =>
        Assert.Equal(valid, RelayId.TryParse(new string('h', length), out _));

    [Fact]
    public void Parse_Valid_RoundTripsItsText()
    {
        var id = RelayId.Parse("sim-hub-0042");

        Assert.Equal("sim-hub-0042", id.Value);
        Assert.Equal(id, RelayId.Parse(id.ToString()));
    }

    [Fact]
    public void Parse_Invalid_Throws() =>
        Assert.Throws<FormatException>(() => RelayId.Parse("Hub 1"));

    [Fact]
    public void TryParse_AnyText_AgreesWithTheDeviceIdForm() =>
        Gen.OneOf(Gen.String, Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789._-"], 0, 70])
            .Sample(text => RelayId.TryParse(text, out var relay) == DeviceId.TryParse(text, out _) && (relay.Value is null || relay.Value == text));
}

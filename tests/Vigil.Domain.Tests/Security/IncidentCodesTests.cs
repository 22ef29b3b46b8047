using System.Text.Json;
using Vigil.Domain.Devices;
using Vigil.Domain.Security;

namespace Vigil.Domain.Tests.Security;

public sealed class IncidentCodesTests
{
    [Theory]
    [InlineData(IncidentKind.Clone, "clone")]
    [InlineData(IncidentKind.ClockSkew, "clock-skew")]
    [InlineData(IncidentKind.Drift, "drift")]
    [InlineData(IncidentKind.LotDrift, "lot-drift")]
    [InlineData(IncidentKind.UnknownFirmware, "unknown-firmware")]
    public void Code_EachKind_IsTheStoredText(IncidentKind kind, string code)
    {
        Assert.Equal(code, kind.Code());
        Assert.True(IncidentCodes.TryParseKind(code, out var parsed));
        Assert.Equal(kind, parsed);
    }

    [Theory]
    [InlineData(IncidentStatus.Open, "open")]
    [InlineData(IncidentStatus.Closed, "closed")]
    public void Code_EachStatus_IsTheStoredText(IncidentStatus status, string code)
    {
        Assert.Equal(code, status.Code());
        Assert.True(IncidentCodes.TryParseStatus(code, out var parsed));
        Assert.Equal(status, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("Clone")]
    [InlineData("clock_skew")]
    [InlineData("1")]
    public void TryParse_OtherText_Fails(string? code)
    {
        Assert.False(IncidentCodes.TryParseKind(code, out _));
        Assert.False(IncidentCodes.TryParseStatus(code, out _));
    }

    [Fact]
    public void Json_EveryKindAndStatus_IsItsCode()
    {
        Assert.All(Enum.GetValues<IncidentKind>(), k => Assert.Equal($"\"{k.Code()}\"", JsonSerializer.Serialize(k)));
        Assert.All(Enum.GetValues<IncidentStatus>(), s => Assert.Equal($"\"{s.Code()}\"", JsonSerializer.Serialize(s)));
    }

    [Fact]
    public void Json_OfAnIncident_CarriesKindAndStatusAsText()
    {
        var at = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var incident = new Incident(7, IncidentKind.ClockSkew, DeviceId.Parse("cgm-1"), at, at, "clock 20 min ahead");

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(incident, new JsonSerializerOptions(JsonSerializerDefaults.Web)));

        Assert.Equal("clock-skew", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("open", json.RootElement.GetProperty("status").GetString());
    }
}

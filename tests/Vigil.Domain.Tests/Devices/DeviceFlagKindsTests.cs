using Vigil.Domain.Devices;
using Vigil.Domain.Verification;

namespace Vigil.Domain.Tests.Devices;

public sealed class DeviceFlagKindsTests
{
    [Theory]
    [InlineData(DeviceFlagKind.Recall, "recall")]
    [InlineData(DeviceFlagKind.Drift, "drift")]
    [InlineData(DeviceFlagKind.LotDrift, "lot-drift")]
    [InlineData(DeviceFlagKind.Clone, "clone")]
    public void ReasonCode_EachFlag_IsTheStoredText(DeviceFlagKind flag, string code)
    {
        Assert.Equal(code, flag.ReasonCode());
        Assert.True(DeviceFlagKinds.TryParse(code, out var parsed));
        Assert.Equal(flag, parsed);
    }

    [Fact]
    public void ReasonCode_EveryFlag_IsAKnownReasonThatMakesReadingsSuspect() =>
        Assert.All(Enum.GetValues<DeviceFlagKind>(), flag =>
        {
            Assert.True(ReasonCodes.IsKnown(flag.ReasonCode()));
            Assert.Equal(VerdictStatus.Suspect, Verdict.Of([flag.ReasonCode()]).Status);
        });

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("Recall")]
    [InlineData("lot_drift")]
    [InlineData("quarantined")]
    public void TryParse_OtherText_Fails(string? code) => Assert.False(DeviceFlagKinds.TryParse(code, out _));

    [Fact]
    public void Reason_OfAFlag_IsItsKindsCode()
    {
        var at = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal("lot-drift", new DeviceFlag(DeviceId.Parse("cgm-1"), DeviceFlagKind.LotDrift, at, "lot L1", at).Reason);
    }
}

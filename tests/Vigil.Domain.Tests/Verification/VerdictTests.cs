using Vigil.Domain.Verification;

namespace Vigil.Domain.Tests.Verification;

public sealed class VerdictTests
{
    [Theory]
    [InlineData(new string[0], VerdictStatus.Verified)]
    [InlineData(new[] { ReasonCodes.Flatline }, VerdictStatus.Suspect)]
    [InlineData(new[] { ReasonCodes.Flatline, ReasonCodes.SensorError }, VerdictStatus.Rejected)]
    [InlineData(new[] { ReasonCodes.ClockInvalid }, VerdictStatus.Rejected)]
    public void Of_Reasons_GiveStatus(string[] reasons, VerdictStatus status) => Assert.Equal(status, Verdict.Of(reasons).Status);

    [Fact]
    public void Parse_StoredForm_RoundTrips()
    {
        var verdict = Verdict.Of([ReasonCodes.Recall, ReasonCodes.Flatline, ReasonCodes.Recall]);
        Assert.Equal("flatline,recall", verdict.ToString());
        Assert.Equal(verdict, Verdict.Parse(verdict.ToString()));
        Assert.Equal(Verdict.Verified, Verdict.Parse(""));
    }

    [Fact]
    public void Known_EveryRejectingCode_IsKnown() =>
        Assert.All(ReasonCodes.Known.Where(ReasonCodes.Rejects), c => Assert.True(ReasonCodes.IsKnown(c)));
}

using System.Text.RegularExpressions;

namespace Vigil.Protocol.Tests;

public sealed partial class OutcomesTests
{
    public static TheoryData<OpenFailure> Failures() => [.. Enum.GetValues<OpenFailure>()];

    public static TheoryData<string> Codes() => [.. Outcomes.All.Select(o => o.Code)];

    [Theory]
    [MemberData(nameof(Failures))]
    public void OpenFailure_EveryValue_IsACataloguedOutcome(OpenFailure failure)
    {
        var outcome = failure.ToOutcome();

        Assert.NotNull(outcome);
        Assert.Same(outcome, Outcomes.Find(failure.ToCode()));
        Assert.False(outcome.IsAcknowledged);
    }

    [Fact]
    public void OpenFailure_OutsideTheEnum_HasNoOutcome()
    {
        Assert.Null(((OpenFailure)0).ToOutcome());
        Assert.Equal("unknown", ((OpenFailure)0).ToCode());
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Find_EachCode_ReturnsItsOutcome(string code)
    {
        var outcome = Outcomes.Find(code);

        Assert.NotNull(outcome);
        Assert.Equal(code, outcome.Code);
        Assert.Matches(KebabCase(), code);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Meaning));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ok")]
    [InlineData("Stored")]
    [InlineData("stored ")]
    public void Find_NoCataloguedCode_ReturnsNull(string? code) => Assert.Null(Outcomes.Find(code));

    [Theory]
    [MemberData(nameof(Codes))]
    public void Outcome_AcknowledgedOrRefused_AnswersConsistently(string code)
    {
        var outcome = Outcomes.Find(code)!;

        // An acknowledgement is a 2xx and a PUBACK Success; a refusal never is (MQTT 5 §2.4: 0x80 and up are failures).
        if (outcome.IsAcknowledged)
        {
            Assert.InRange(outcome.HttpStatus!.Value, 200, 299);
            Assert.Equal((byte)0x00, outcome.PubAckReason);
            Assert.Null(outcome.ConnAckReason);
        }
        else
        {
            Assert.True(outcome.HttpStatus is null or >= 400, $"{code}: {outcome.HttpStatus}");
            Assert.True(outcome.PubAckReason is null or >= 0x80, $"{code}: {outcome.PubAckReason}");
            Assert.True(outcome.ConnAckReason is null or >= 0x80, $"{code}: {outcome.ConnAckReason}");
        }

        Assert.Equal(outcome.Kind is OutcomeKind.Attack or OutcomeKind.Throttle, outcome.RaisesSecurityEvent);
        Assert.Equal(outcome.Kind == OutcomeKind.Attack, outcome.IsStrike);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}

using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;

namespace Vigil.Domain.Tests.Verification;

public sealed class SensorCoverageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly UInt128 First = 1;
    private static readonly UInt128 Second = 2;

    [Theory]
    [InlineData(-119, false)]
    [InlineData(-121, true)]
    [InlineData(-3 * 3600, true)]
    [InlineData(60, false)]
    public void Verify_NewSessionDatedBeforeTheEarlierSessionsReadings_IsClockSkewBeyondTwoMinutes(int secondsFromLast, bool skewed)
    {
        var verifier = new ReadingVerifier();
        verifier.Verify(Batch(10, T0, T0), T0, [], First);

        var result = verifier.Verify(Batch(11, T0.AddMinutes(5), T0.AddSeconds(secondsFromLast)), T0.AddMinutes(5), [], Second);

        Assert.Equal(skewed, result.Verdicts[0].Reasons.Contains(ReasonCodes.ClockSkew));
        Assert.Equal(skewed, result.ClockReasons.Contains(ReasonCodes.ClockSkew));
    }

    [Fact]
    public void Verify_LateBatchOfAnEarlierSessionAfterANewOne_IsVerified()
    {
        var verifier = new ReadingVerifier();
        verifier.Verify(Batch(10, T0, T0), T0, [], First);
        verifier.Verify(Batch(20, T0.AddHours(2), T0.AddHours(2)), T0.AddHours(2), [], Second);

        // Sealed in the first session an hour after its first batch, delivered after the second session's.
        var late = verifier.Verify(Batch(12, T0.AddHours(1), T0.AddHours(1)), T0.AddHours(2), [], First);

        Assert.Equal(VerdictStatus.Verified, late.Verdicts[0].Status);
        Assert.Empty(late.ClockReasons);
    }

    [Fact]
    public void Verify_SameSessionReadingOutOfOrder_IsVerified()
    {
        var verifier = new ReadingVerifier();
        verifier.Verify(Batch(10, T0, T0), T0, [], First);

        var backfill = verifier.Verify(Batch(11, T0.AddMinutes(1), T0.AddMinutes(-30)), T0.AddMinutes(1), [], First);

        Assert.Equal(VerdictStatus.Verified, backfill.Verdicts[0].Status);
    }

    [Fact]
    public void Verify_OtherKindNotCoveredBefore_IsVerified()
    {
        var verifier = new ReadingVerifier();
        verifier.Verify(Batch(10, T0, T0), T0, [], First);
        var pulse = new BatchContent(DeviceId.Parse("dev-1"), 11, T0, new byte[BatchContent.FirmwareDigestLength],
            [Reading.Single(MeasurementKind.PulseRate, T0.AddHours(-1), 70, "/min")]);

        Assert.Equal(VerdictStatus.Verified, verifier.Verify(pulse, T0, [], Second).Verdicts[0].Status);
    }

    [Fact]
    public void Verify_ReadingsDoubtedForTheirClock_AreNotCoverage()
    {
        var verifier = new ReadingVerifier();
        // A clock 20 min ahead (Suspect), corrected in the next session once the batch floor was passed.
        verifier.Verify(Batch(10, T0.AddMinutes(20), T0.AddMinutes(20)), T0, [], First);

        var corrected = verifier.Verify(Batch(11, T0.AddMinutes(25), T0.AddMinutes(5)), T0.AddMinutes(25), [], Second);

        Assert.Equal(VerdictStatus.Verified, corrected.Verdicts[0].Status);
    }

    [Fact]
    public void Regressions_PrimedSessions_CompareOnlyWithSessionsNumberedBelow()
    {
        var coverage = new SensorCoverage();
        coverage.Add(First, 10, MeasurementKind.Glucose, T0);
        coverage.Add(Second, 20, MeasurementKind.Glucose, T0.AddHours(2));

        Assert.Equal(T0, coverage.CoveredUntil(Second, 21, MeasurementKind.Glucose));
        Assert.Equal(T0.AddHours(2), coverage.CoveredUntil(3, 30, MeasurementKind.Glucose));
        Assert.Null(coverage.CoveredUntil(First, 11, MeasurementKind.Glucose));
        Assert.Equal([TimeSpan.FromHours(-1)], coverage.Regressions(3, 30, [Reading.Single(MeasurementKind.Glucose, T0.AddHours(1), 100, "mg/dL")]));
    }

    private static BatchContent Batch(ulong sequence, DateTimeOffset created, DateTimeOffset reading) =>
        new(DeviceId.Parse("dev-1"), sequence, created, new byte[BatchContent.FirmwareDigestLength],
            [Reading.Single(MeasurementKind.Glucose, reading, 100 + (double)sequence, "mg/dL")]);
}

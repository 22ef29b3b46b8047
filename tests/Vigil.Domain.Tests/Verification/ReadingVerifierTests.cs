using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;

namespace Vigil.Domain.Tests.Verification;

public sealed class ReadingVerifierTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DeviceId Device = DeviceId.Parse("cgm-1");
    private ulong _sequence;

    [Fact]
    public void Verify_SmoothGlucose_IsVerified()
    {
        var verifier = new ReadingVerifier();
        var random = new Random(3);
        var verdicts = Enumerable.Range(0, 288).Select(i => Glucose(verifier, i * 5, Math.Round(130 + (40 * Math.Sin(i / 30.0)) + (random.NextDouble() * 8)))).ToList();
        Assert.All(verdicts, v => Assert.Equal(VerdictStatus.Verified, v.Status));
    }

    [Fact]
    public void Verify_ImpossibleGlucoseDrop_IsSuspectUntilItReturnsOrTheTaintEnds()
    {
        var verifier = new ReadingVerifier();
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(VerdictStatus.Verified, Glucose(verifier, i * 5, 120 + i).Status);
        }

        var drop = Glucose(verifier, 30, 45);
        Assert.Contains(ReasonCodes.RateOfChange, drop.Reasons);
        Assert.Contains(ReasonCodes.RateOfChange, Glucose(verifier, 35, 46).Reasons);
        Assert.Equal(VerdictStatus.Verified, Glucose(verifier, 40, 118).Status);
        Assert.Contains(ReasonCodes.RateOfChange, Glucose(verifier, 45, 44).Reasons);
        Assert.Contains(ReasonCodes.RateOfChange, Glucose(verifier, 65, 47).Reasons);
        Assert.Equal(VerdictStatus.Verified, Glucose(verifier, 80, 48).Status);
    }

    [Fact]
    public void Verify_GlucoseFlatline_IsSuspectOnceTheRunIsLongEnough()
    {
        var verifier = new ReadingVerifier();
        var verdicts = Enumerable.Range(0, 12).Select(i => Glucose(verifier, i * 5, 104)).ToList();
        Assert.All(verdicts.Take(8), v => Assert.DoesNotContain(ReasonCodes.Flatline, v.Reasons));
        Assert.All(verdicts.Skip(8), v => Assert.Contains(ReasonCodes.Flatline, v.Reasons));
    }

    [Fact]
    public void Verify_ReplayedRunOfValues_IsStaleRepeat()
    {
        var verifier = new ReadingVerifier();
        double[] day = [112, 118, 125, 131, 128, 121, 115, 110, 106];
        for (var i = 0; i < day.Length; i++)
        {
            Assert.Equal(VerdictStatus.Verified, Glucose(verifier, i * 5, day[i]).Status);
        }

        var repeats = day.Select((v, i) => Glucose(verifier, (i + day.Length) * 5, v)).ToList();
        Assert.Contains(repeats, v => v.Reasons.Contains(ReasonCodes.StaleRepeat));
    }

    [Fact]
    public void Verify_QuietHeartRateRepeatingByChance_IsNotStaleRepeat()
    {
        var verifier = new ReadingVerifier();
        double[] resting = [61, 62, 62, 61, 62, 63, 62, 61];
        var verdicts = Enumerable.Range(0, 240)
            .Select(i => verifier.Verify(
                new BatchContent(Device, ++_sequence, T0.AddSeconds(i * 10), new byte[32], [Reading.Single(MeasurementKind.HeartRate, T0.AddSeconds(i * 10), resting[i % resting.Length], "/min")]),
                T0.AddSeconds((i * 10) + 1), []).Verdicts[0])
            .ToList();

        Assert.All(verdicts, v => Assert.DoesNotContain(ReasonCodes.StaleRepeat, v.Reasons));
    }

    [Fact]
    public void Verify_ImpossibleDesaturation_IsSuspect()
    {
        var verifier = new ReadingVerifier();
        var readings = Enumerable.Range(0, 60).Select(s => Reading.Single(MeasurementKind.OxygenSaturation, T0.AddSeconds(s), s < 50 ? 97 : 72, "%")).ToList();
        var result = verifier.Verify(new BatchContent(Device, ++_sequence, T0.AddSeconds(60), new byte[32], readings), T0.AddSeconds(61), []);
        Assert.All(result.Verdicts.Take(50), v => Assert.Equal(VerdictStatus.Verified, v.Status));
        Assert.All(result.Verdicts.Skip(50), v => Assert.Contains(ReasonCodes.RateOfChange, v.Reasons));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(-600, null)]
    [InlineData(600, ReasonCodes.ClockSkew)]
    [InlineData(7200, ReasonCodes.ClockInvalid)]
    public void Verify_DeviceClockAhead_IsSuspectThenRejected(int aheadSeconds, string? expected)
    {
        var verifier = new ReadingVerifier();
        var created = T0.AddSeconds(aheadSeconds);
        var result = verifier.Verify(
            new BatchContent(Device, 1, created, new byte[32], [Reading.Single(MeasurementKind.Glucose, created, 110, "mg/dL")]), T0, []);
        Assert.Equal(expected is null ? [] : [expected], result.Verdicts[0].Reasons);
        Assert.Equal(TimeSpan.FromSeconds(aheadSeconds), result.ClockSkew);
    }

    [Fact]
    public void Verify_ClockJumpsBackAcrossSequence_IsSkew()
    {
        var verifier = new ReadingVerifier();
        Assert.Equal(VerdictStatus.Verified, Glucose(verifier, 60, 110).Status);
        var back = verifier.Verify(
            new BatchContent(Device, 9, T0, new byte[32], [Reading.Single(MeasurementKind.Glucose, T0, 111, "mg/dL")]), T0.AddMinutes(61), []);
        Assert.Contains(ReasonCodes.ClockSkew, back.ClockReasons);
    }

    [Fact]
    public void Verify_DeviceReasons_ApplyToEveryReading()
    {
        var verifier = new ReadingVerifier();
        var result = verifier.Verify(
            new BatchContent(Device, 1, T0, new byte[32], [Reading.Single(MeasurementKind.Glucose, T0, 110, "mg/dL")]), T0, [ReasonCodes.Quarantined]);
        Assert.Equal(VerdictStatus.Suspect, result.Verdicts[0].Status);
        Assert.Equal([ReasonCodes.Quarantined], result.Verdicts[0].Reasons);
    }

    [Fact]
    public void Verify_ReadingDatedAfterItsBatch_IsRejected()
    {
        var verifier = new ReadingVerifier();
        var result = verifier.Verify(
            new BatchContent(Device, 1, T0, new byte[32], [Reading.Single(MeasurementKind.Glucose, T0.AddHours(3), 110, "mg/dL")]), T0, []);
        Assert.Equal(VerdictStatus.Rejected, result.Verdicts[0].Status);
    }

    private Verdict Glucose(ReadingVerifier verifier, int minute, double value)
    {
        var time = T0.AddMinutes(minute);
        var batch = new BatchContent(Device, ++_sequence, time, new byte[32], [Reading.Single(MeasurementKind.Glucose, time, value, "mg/dL")]);
        return verifier.Verify(batch, time.AddSeconds(2), []).Verdicts[0];
    }
}

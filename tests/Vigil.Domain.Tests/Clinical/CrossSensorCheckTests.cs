using Vigil.Domain.Clinical;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;

namespace Vigil.Domain.Tests.Clinical;

public sealed class CrossSensorCheckTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(74, 72, false)]
    [InlineData(84, 72, true)]
    [InlineData(60, 72, true)]
    [InlineData(140, 125, false)]
    public void Reasons_PulseAgainstEcg_FlagsDisagreement(double pulse, double ecg, bool flagged)
    {
        var check = new CrossSensorCheck();
        check.Observe(Reading.Single(MeasurementKind.HeartRate, T0, ecg, "/min"), Verdict.Verified);
        var reading = Reading.Single(MeasurementKind.PulseRate, T0.AddSeconds(5), pulse, "/min");
        Assert.Equal(flagged, check.Reasons(reading, [reading]).Contains(ReasonCodes.CrossSensor));
    }

    [Fact]
    public void Reasons_PulseWithoutEcgNearby_IsNotFlagged()
    {
        var check = new CrossSensorCheck();
        check.Observe(Reading.Single(MeasurementKind.HeartRate, T0, 72, "/min"), Verdict.Verified);
        var reading = Reading.Single(MeasurementKind.PulseRate, T0.AddMinutes(5), 110, "/min");
        Assert.Empty(check.Reasons(reading, [reading]));
    }

    [Theory]
    [InlineData(36.8, 14, 97, true)]
    [InlineData(38.6, 14, 97, false)]
    [InlineData(36.8, 26, 97, false)]
    [InlineData(36.8, 14, 91, false)]
    public void Reasons_PositiveBreathWithNormalSigns_NeedsConfirmation(double temperature, double respiration, double saturation, bool unsupported)
    {
        var check = new CrossSensorCheck();
        check.Observe(Reading.Single(MeasurementKind.OxygenSaturation, T0, saturation, "%"), Verdict.Verified);
        var diagnosis = new Reading(MeasurementKind.BreathDiagnosis, T0.AddMinutes(10), [1, 0.9], "1", Code: "53084003");
        Reading[] batch =
        [
            diagnosis,
            Reading.Single(MeasurementKind.BodyTemperature, T0.AddMinutes(10), temperature, "Cel"),
            Reading.Single(MeasurementKind.RespiratoryRate, T0.AddMinutes(10), respiration, "/min"),
        ];
        Assert.Equal(unsupported, check.Reasons(diagnosis, batch).Contains(ReasonCodes.Unsupported));
    }
}

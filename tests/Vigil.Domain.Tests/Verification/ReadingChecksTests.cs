using Vigil.Domain.Readings;
using Vigil.Domain.Verification;

namespace Vigil.Domain.Tests.Verification;

public sealed class ReadingChecksTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<MeasurementKind, double, string, ReadingFlags, string?> Ranges => new()
    {
        { MeasurementKind.Glucose, 110, "mg/dL", ReadingFlags.None, null },
        { MeasurementKind.Glucose, 6.1, "mmol/L", ReadingFlags.None, null },
        { MeasurementKind.Glucose, 40, "mg/dL", ReadingFlags.BelowRange, null },
        { MeasurementKind.Glucose, 35, "mg/dL", ReadingFlags.None, ReasonCodes.OutOfRange },
        { MeasurementKind.Glucose, 450, "mg/dL", ReadingFlags.None, ReasonCodes.OutOfRange },
        { MeasurementKind.Glucose, 10, "mg/dL", ReadingFlags.None, ReasonCodes.Impossible },
        { MeasurementKind.Glucose, 800, "mg/dL", ReadingFlags.None, ReasonCodes.Impossible },
        { MeasurementKind.Glucose, 110, "mg/dL", ReadingFlags.SensorError, ReasonCodes.SensorError },
        { MeasurementKind.Glucose, 110, "mg/dL", ReadingFlags.WarmUp, ReasonCodes.WarmUp },
        { MeasurementKind.OxygenSaturation, 97, "%", ReadingFlags.None, null },
        { MeasurementKind.OxygenSaturation, 65, "%", ReadingFlags.None, ReasonCodes.OutOfRange },
        { MeasurementKind.OxygenSaturation, 101, "%", ReadingFlags.None, ReasonCodes.Impossible },
        { MeasurementKind.OxygenSaturation, 95, "%", ReadingFlags.Artifact, ReasonCodes.Artifact },
        { MeasurementKind.PulseRate, 20, "/min", ReadingFlags.None, ReasonCodes.OutOfRange },
        { MeasurementKind.PulseRate, 400, "/min", ReadingFlags.None, ReasonCodes.Impossible },
        { MeasurementKind.HeartRate, 72, "/min", ReadingFlags.None, null },
        { MeasurementKind.BodyTemperature, 36.8, "Cel", ReadingFlags.None, null },
        { MeasurementKind.BodyTemperature, 43.5, "Cel", ReadingFlags.None, ReasonCodes.OutOfRange },
        { MeasurementKind.BodyTemperature, 50, "Cel", ReadingFlags.None, ReasonCodes.Impossible },
        { MeasurementKind.RespiratoryRate, 2, "/min", ReadingFlags.None, ReasonCodes.OutOfRange },
        { MeasurementKind.GlucoseTrend, 15, "mg/dL/min", ReadingFlags.None, ReasonCodes.OutOfRange },
        { MeasurementKind.Glucose, double.NaN, "mg/dL", ReadingFlags.None, ReasonCodes.Impossible },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Alone_SingleValue_GivesExpectedReason(MeasurementKind kind, double value, string unit, ReadingFlags flags, string? expected)
    {
        List<string> reasons = [];
        ReadingChecks.Alone(Reading.Single(kind, T0, value, unit, flags), reasons);
        Assert.Equal(expected is null ? [] : [expected], reasons);
    }

    [Theory]
    [InlineData(120, 80, 93, null)]
    [InlineData(190, 100, 130, null)]
    [InlineData(80, 120, 100, ReasonCodes.Impossible)]
    [InlineData(120, 80, 130, ReasonCodes.Impossible)]
    [InlineData(280, 90, 150, ReasonCodes.OutOfRange)]
    [InlineData(120, 5, 50, ReasonCodes.Impossible)]
    public void Alone_BloodPressure_ChecksEachValueAndTheirOrder(double systolic, double diastolic, double mean, string? expected)
    {
        List<string> reasons = [];
        ReadingChecks.Alone(new Reading(MeasurementKind.BloodPressure, T0, [systolic, diastolic, mean], "mm[Hg]"), reasons);
        Assert.Equal(expected is null ? [] : [expected], reasons.Distinct());
    }

    [Theory]
    [InlineData(1, 0.9, false)]
    [InlineData(0, 0.5, false)]
    [InlineData(0.5, 0.9, true)]
    [InlineData(1, 1.5, true)]
    public void Alone_BreathDiagnosis_NeedsBinaryResultAndConfidence(double result, double confidence, bool impossible)
    {
        List<string> reasons = [];
        ReadingChecks.Alone(new Reading(MeasurementKind.BreathDiagnosis, T0, [result, confidence], "1", Code: "53084003"), reasons);
        Assert.Equal(impossible, reasons.Contains(ReasonCodes.Impossible));
    }

    [Theory]
    [InlineData(400, false)]
    [InlineData(20, true)]
    public void Alone_EcgLead_FlatWhenPeakToPeakIsTiny(short amplitude, bool flat)
    {
        var samples = Enumerable.Range(0, 2500).Select(i => (short)(i % 250 < 10 ? amplitude : 0)).ToArray();
        List<string> reasons = [];
        ReadingChecks.Alone(new Reading(MeasurementKind.EcgWaveform, T0, [], "uV", Waveform: new Waveform(250, 1, samples)), reasons);
        Assert.Equal(flat, reasons.Contains(ReasonCodes.Flatline));
    }

    [Theory]
    [InlineData(60, 0, false, false)]
    [InlineData(40, 0, true, false)]
    [InlineData(60, 6, false, true)]
    public void Sampled_OximeterBatch_FlagsDropoutAndNoise(int present, int jump, bool dropout, bool noise)
    {
        var readings = Enumerable.Range(0, 60)
            .Where(s => s < present || s == 59)
            .Select(s => Reading.Single(MeasurementKind.OxygenSaturation, T0.AddSeconds(s), 96 + (s % 2 * jump), "%"))
            .ToList();
        var reasons = readings.Select(_ => (ICollection<string>)new List<string>()).ToList();
        ReadingChecks.Sampled(readings, reasons);
        Assert.All(reasons, r => Assert.Equal(dropout, r.Contains(ReasonCodes.Dropout)));
        Assert.All(reasons, r => Assert.Equal(noise, r.Contains(ReasonCodes.Noise)));
    }
}

using Vigil.Domain.Readings;

namespace Vigil.Domain.Tests;

public sealed class MeasurementCatalogTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<Reading, string?> Cases => new()
    {
        { Reading.Single(MeasurementKind.Glucose, T, 104, "mg/dL"), null },
        { Reading.Single(MeasurementKind.Glucose, T, 5.8, "mmol/L"), null },
        { Reading.Single(MeasurementKind.Glucose, T, 104, "mg"), "unit" },
        { Reading.Single(MeasurementKind.Glucose, T, double.NaN, "mg/dL"), "finite" },
        { Reading.Single(MeasurementKind.Glucose, T, double.PositiveInfinity, "mg/dL"), "finite" },
        { new Reading(MeasurementKind.BloodPressure, T, [120, 80], "mm[Hg]"), "3 value" },
        { new Reading(MeasurementKind.BloodPressure, T, [120, 80, 93], "mm[Hg]"), null },
        { new Reading(MeasurementKind.BreathDiagnosis, T, [1, 0.9], "1"), "needs a code" },
        { new Reading(MeasurementKind.BreathDiagnosis, T, [1, 0.9], "1", Code: "53084003"), null },
        { new Reading(MeasurementKind.OxygenSaturation, T, [97], "%", Code: "x"), "takes no code" },
        { new Reading(MeasurementKind.EcgWaveform, T, [], "uV"), "needs a waveform" },
        { new Reading(MeasurementKind.EcgWaveform, T, [], "uV", Waveform: new Waveform(250, 2.5, new short[10])), null },
        { new Reading(MeasurementKind.EcgWaveform, T, [], "uV", Waveform: new Waveform(0, 2.5, new short[10])), "sample rate" },
        { new Reading(MeasurementKind.EcgWaveform, T, [], "uV", Waveform: new Waveform(250, -1, new short[10])), "scale" },
        { new Reading(MeasurementKind.HeartRate, T, [70], "/min", Waveform: new Waveform(250, 1, new short[1])), "takes no waveform" },
        { new Reading((MeasurementKind)99, T, [1], "1"), "unknown kind" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_Reading_ConformsOrSaysWhy(Reading reading, string? problem)
    {
        var result = MeasurementCatalog.Check(reading);

        if (problem is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.NotNull(result);
            Assert.Contains(problem, result);
        }
    }

    [Fact]
    public void All_EveryKindOfTheEnum_HasASpec() =>
        Assert.All(Enum.GetValues<MeasurementKind>(), k => Assert.True(MeasurementCatalog.TryGet(k, out _)));
}

using Vigil.Domain.Clinical;
using Vigil.Domain.Readings;

namespace Vigil.Domain.Tests.Clinical;

public sealed class ClinicalRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<Reading, string?> Cases => new()
    {
        { Reading.Single(MeasurementKind.Glucose, T0, 110, "mg/dL"), null },
        { Reading.Single(MeasurementKind.Glucose, T0, 69, "mg/dL"), AlertRules.GlucoseLow },
        { Reading.Single(MeasurementKind.Glucose, T0, 70, "mg/dL"), null },
        { Reading.Single(MeasurementKind.Glucose, T0, 53, "mg/dL"), AlertRules.GlucoseUrgentLow },
        { Reading.Single(MeasurementKind.Glucose, T0, 2.8, "mmol/L"), AlertRules.GlucoseUrgentLow },
        { Reading.Single(MeasurementKind.Glucose, T0, 251, "mg/dL"), AlertRules.GlucoseHigh },
        { Reading.Single(MeasurementKind.Glucose, T0, 250, "mg/dL"), null },
        { Reading.Single(MeasurementKind.OxygenSaturation, T0, 89, "%"), AlertRules.Desaturation },
        { Reading.Single(MeasurementKind.OxygenSaturation, T0, 90, "%"), null },
        { Reading.Single(MeasurementKind.PulseRate, T0, 39, "/min"), AlertRules.Bradycardia },
        { Reading.Single(MeasurementKind.HeartRate, T0, 131, "/min"), AlertRules.Tachycardia },
        { Reading.Single(MeasurementKind.HeartRate, T0, 130, "/min"), null },
        { new Reading(MeasurementKind.BloodPressure, T0, [180, 100, 127], "mm[Hg]"), AlertRules.HypertensiveCrisis },
        { new Reading(MeasurementKind.BloodPressure, T0, [150, 120, 130], "mm[Hg]"), AlertRules.HypertensiveCrisis },
        { new Reading(MeasurementKind.BloodPressure, T0, [179, 119, 139], "mm[Hg]"), null },
        { new Reading(MeasurementKind.BreathDiagnosis, T0, [1, 0.9], "1", Code: "53084003"), AlertRules.BreathPositive },
        { new Reading(MeasurementKind.BreathDiagnosis, T0, [0, 0.9], "1", Code: "53084003"), null },
        { Reading.Single(MeasurementKind.BodyTemperature, T0, 39, "Cel"), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_DefaultThresholds_RaisesExpectedRule(Reading reading, string? rule)
    {
        var findings = ClinicalRules.Evaluate(reading, ClinicalThresholds.Default).Select(f => f.Rule).ToList();
        Assert.Equal(rule is null ? [] : [rule], findings);
    }

    [Fact]
    public void Evaluate_PatientThreshold_OverridesDefault()
    {
        var thresholds = ClinicalThresholds.Default with { GlucoseLow = 80 };
        Assert.Equal([AlertRules.GlucoseLow], ClinicalRules.Evaluate(Reading.Single(MeasurementKind.Glucose, T0, 75, "mg/dL"), thresholds).Select(f => f.Rule));
    }
}

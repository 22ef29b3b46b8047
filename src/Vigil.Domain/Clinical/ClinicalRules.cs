using System.Globalization;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;

namespace Vigil.Domain.Clinical;

/// <summary>Which of a patient's thresholds a reading crosses. Rejected readings are never evaluated.</summary>
public static class ClinicalRules
{
    /// <summary>The findings of one reading.</summary>
    public static IEnumerable<ClinicalFinding> Evaluate(Reading reading, ClinicalThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (reading.Values.Count == 0 || MeasurementCatalog.Check(reading) is not null)
        {
            yield break;
        }

        var value = VerificationRules.Primary(reading);
        switch (reading.Kind)
        {
            case MeasurementKind.Glucose when value < thresholds.GlucoseUrgentLow:
                yield return Finding(AlertRules.GlucoseUrgentLow, value, "glucose {0} mg/dL below {1}", thresholds.GlucoseUrgentLow);
                break;
            case MeasurementKind.Glucose when value < thresholds.GlucoseLow:
                yield return Finding(AlertRules.GlucoseLow, value, "glucose {0} mg/dL below {1}", thresholds.GlucoseLow);
                break;
            case MeasurementKind.Glucose when value > thresholds.GlucoseHigh:
                yield return Finding(AlertRules.GlucoseHigh, value, "glucose {0} mg/dL above {1}", thresholds.GlucoseHigh);
                break;
            case MeasurementKind.OxygenSaturation when value < thresholds.OxygenSaturationLow:
                yield return Finding(AlertRules.Desaturation, value, "SpO2 {0} % below {1}", thresholds.OxygenSaturationLow);
                break;
            case MeasurementKind.PulseRate or MeasurementKind.HeartRate when value < thresholds.HeartRateLow:
                yield return Finding(AlertRules.Bradycardia, value, "heart rate {0} /min below {1}", thresholds.HeartRateLow);
                break;
            case MeasurementKind.PulseRate or MeasurementKind.HeartRate when value > thresholds.HeartRateHigh:
                yield return Finding(AlertRules.Tachycardia, value, "heart rate {0} /min above {1}", thresholds.HeartRateHigh);
                break;
            case MeasurementKind.BloodPressure when value >= thresholds.SystolicHigh || reading.Values[1] >= thresholds.DiastolicHigh:
                yield return new ClinicalFinding(
                    AlertRules.HypertensiveCrisis, value,
                    string.Create(CultureInfo.InvariantCulture, $"blood pressure {value:0}/{reading.Values[1]:0} mm[Hg] at or above {thresholds.SystolicHigh:0}/{thresholds.DiastolicHigh:0}"));
                break;
            case MeasurementKind.BreathDiagnosis when thresholds.BreathPositive && reading.Values[0] == 1:
                yield return new ClinicalFinding(
                    AlertRules.BreathPositive, 1,
                    string.Create(CultureInfo.InvariantCulture, $"positive breath diagnosis {reading.Code} (confidence {reading.Values[1]:0.00})"));
                break;
        }
    }

    private static ClinicalFinding Finding(string rule, double value, string format, double threshold) =>
        new(rule, value, string.Format(CultureInfo.InvariantCulture, format, Math.Round(value, 1), threshold));
}

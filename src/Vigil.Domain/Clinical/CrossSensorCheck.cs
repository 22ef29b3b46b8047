using Vigil.Domain.Readings;
using Vigil.Domain.Verification;

namespace Vigil.Domain.Clinical;

/// <summary>
/// Checks one patient's sensors against each other: a pulse oximeter's rate against the ECG's
/// heart rate at the same moment, and a positive breath diagnosis against the signs that usually
/// come with it (fever, low SpO2, fast breathing). Holds the recent values it needs.
/// </summary>
public sealed class CrossSensorCheck
{
    private static readonly TimeSpan SignsWindow = TimeSpan.FromHours(2);
    private readonly List<(DateTimeOffset Time, double Rate)> _ecgRates = [];
    private (DateTimeOffset Time, double Value)? _saturation;

    /// <summary>Remembers a trusted ECG heart rate or SpO2 reading.</summary>
    public void Observe(Reading reading, Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(verdict);
        if (verdict.Status != VerdictStatus.Verified || reading.Values.Count == 0)
        {
            return;
        }

        if (reading.Kind == MeasurementKind.HeartRate)
        {
            _ecgRates.Add((reading.Time, reading.Values[0]));
            _ecgRates.RemoveAll(r => r.Time < reading.Time - SignsWindow);
        }
        else if (reading.Kind == MeasurementKind.OxygenSaturation && (_saturation is null || reading.Time > _saturation.Value.Time))
        {
            _saturation = (reading.Time, reading.Values[0]);
        }
    }

    /// <summary>The cross-sensor reasons of a reading, given the other readings of its batch.</summary>
    public IEnumerable<string> Reasons(Reading reading, IReadOnlyList<Reading> batch)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(batch);
        if (reading.Kind == MeasurementKind.PulseRate && reading.Values.Count == 1 && NearestEcgRate(reading.Time) is { } ecg)
        {
            var allowed = Math.Max(VerificationRules.CrossSensorAbsolute, VerificationRules.CrossSensorRelative * ecg);
            if (Math.Abs(reading.Values[0] - ecg) > allowed)
            {
                yield return ReasonCodes.CrossSensor;
            }
        }
        else if (reading.Kind == MeasurementKind.BreathDiagnosis && reading.Values.Count == 2 && reading.Values[0] == 1 && SignsNormal(reading, batch))
        {
            yield return ReasonCodes.Unsupported;
        }
    }

    private double? NearestEcgRate(DateTimeOffset time)
    {
        (DateTimeOffset Time, double Rate)? best = null;
        foreach (var r in _ecgRates)
        {
            if ((r.Time - time).Duration() <= VerificationRules.CrossSensorPairing
                && (best is null || (r.Time - time).Duration() < (best.Value.Time - time).Duration()))
            {
                best = r;
            }
        }

        return best?.Rate;
    }

    private bool SignsNormal(Reading diagnosis, IReadOnlyList<Reading> batch)
    {
        var temperature = batch.LastOrDefault(r => r.Kind == MeasurementKind.BodyTemperature)?.Values[0];
        var respiration = batch.LastOrDefault(r => r.Kind == MeasurementKind.RespiratoryRate)?.Values[0];
        var saturation = _saturation is { } s && (diagnosis.Time - s.Time).Duration() <= SignsWindow ? s.Value : (double?)null;
        return temperature is null or < 38.0 && respiration is null or <= 20 && saturation is null or >= 94;
    }
}

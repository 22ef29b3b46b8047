using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Simulator.Sensors;

namespace Vigil.Simulator.Physiology;

/// <summary>
/// What each kind of sensor reports of a <see cref="PatientPhysiology"/> over one batch period,
/// with the noise and quantisation of a real sensor: a CGM's ±(3 mg/dL + 4 %) and its 40-400
/// range (LOW/HIGH beyond) with a fingerstick from the paired meter twice a day, an oximeter's whole-percent SpO2 once a second, a cuff's single
/// measurement, an ECG patch's 250 Hz lead at the current heart rate, and a breath mask's VOC
/// panel with a diagnostic result.
/// </summary>
public sealed class PatientSensors(PatientPhysiology patient, Random random)
{
    /// <summary>How often a device of each kind sends a batch, in simulated time.</summary>
    public static TimeSpan Cadence(SensorKind kind) => kind switch
    {
        SensorKind.ContinuousGlucoseMonitor => TimeSpan.FromMinutes(5),
        SensorKind.PulseOximeter => TimeSpan.FromMinutes(1),
        SensorKind.BloodPressureCuff => TimeSpan.FromHours(6),
        SensorKind.EcgPatch => TimeSpan.FromSeconds(10),
        _ => TimeSpan.FromHours(24),
    };

    /// <summary>The readings of one batch ending at <paramref name="end"/>.</summary>
    public IReadOnlyList<Reading> Batch(SensorKind kind, DateTimeOffset end)
    {
        end = DateTimeOffset.FromUnixTimeMilliseconds(end.ToUnixTimeMilliseconds());
        return kind switch
        {
            SensorKind.ContinuousGlucoseMonitor => Cgm(end),
            SensorKind.PulseOximeter => Oximeter(end),
            SensorKind.BloodPressureCuff => Cuff(end),
            SensorKind.EcgPatch => Ecg(end),
            _ => BreathTest(end),
        };
    }

    private Reading[] Cgm(DateTimeOffset end)
    {
        var truth = patient.Glucose(end);
        var measured = Math.Round(truth + Noise(3 + (0.04 * truth)));
        var flags = measured < 40 ? ReadingFlags.BelowRange : measured > 400 ? ReadingFlags.AboveRange : ReadingFlags.None;
        List<Reading> readings =
        [
            Reading.Single(MeasurementKind.Glucose, end, Math.Clamp(measured, 40, 400), "mg/dL", flags),
            Reading.Single(MeasurementKind.GlucoseTrend, end, Math.Round(patient.GlucoseTrend(end), 1), "mg/dL/min"),
        ];
        if (end.TimeOfDay.Hours is 7 or 19 && end.TimeOfDay.Minutes < 5)
        {
            // Twice a day the patient checks with the meter paired to the receiver (ISO 15197: ±15 mg/dL or ±15 %).
            var fingerstick = truth + Noise(4 + (0.04 * truth));
            readings.Add(Reading.Single(MeasurementKind.Glucose, end.AddSeconds(-30), Math.Round(fingerstick), "mg/dL", ReadingFlags.Calibration));
        }

        return [.. readings];
    }

    private Reading[] Oximeter(DateTimeOffset end)
    {
        var readings = new Reading[120];
        for (var s = 0; s < 60; s++)
        {
            var time = end.AddSeconds(s - 59);
            readings[2 * s] = Reading.Single(MeasurementKind.OxygenSaturation, time, Math.Clamp(Math.Round(patient.OxygenSaturation(time) + Noise(0.7)), 70, 100), "%");
            readings[(2 * s) + 1] = Reading.Single(MeasurementKind.PulseRate, time, Math.Round(patient.HeartRate(time) + Noise(1.5)), "/min");
        }

        return readings;
    }

    private Reading[] Cuff(DateTimeOffset end)
    {
        var (systolic, diastolic, mean) = patient.BloodPressure(end);
        return
        [
            new Reading(MeasurementKind.BloodPressure, end, [Math.Round(systolic + Noise(4)), Math.Round(diastolic + Noise(3)), Math.Round(mean + Noise(2))], "mm[Hg]"),
            Reading.Single(MeasurementKind.PulseRate, end, Math.Round(patient.HeartRate(end) + Noise(2)), "/min"),
        ];
    }

    private Reading[] Ecg(DateTimeOffset end)
    {
        var heartRate = patient.HeartRate(end);
        var waveform = SensorReadings.EcgWaveform(heartRate, 10, random);
        return
        [
            new Reading(MeasurementKind.EcgWaveform, end.AddSeconds(-10), [], "uV", Waveform: waveform),
            // Ten seconds of beats at rest still vary by a few /min (respiratory sinus arrhythmia).
            Reading.Single(MeasurementKind.HeartRate, end, Math.Round(heartRate + Noise(2)), "/min"),
        ];
    }

    private Reading[] BreathTest(DateTimeOffset end)
    {
        var ill = patient.HasRespiratoryIllness;
        string[] compounds = ["acetone", "isoprene", "ethanol", "2-pentanone", "nonanal"];
        var readings = compounds
            .Select(c => new Reading(MeasurementKind.BreathVoc, end, [Math.Round((ill ? 300 : 120) + Noise(40), 1)], "ppb", Code: c))
            .ToList();
        readings.Add(new Reading(MeasurementKind.BreathDiagnosis, end, [ill ? 1 : 0, Math.Round(0.85 + (random.NextDouble() * 0.12), 2)], "1", Code: "53084003"));
        readings.Add(Reading.Single(MeasurementKind.BodyTemperature, end, Math.Round(patient.BodyTemperature(end) + Noise(0.1), 1), "Cel"));
        readings.Add(Reading.Single(MeasurementKind.RespiratoryRate, end, Math.Round(patient.RespiratoryRate(end) + Noise(1)), "/min"));
        return [.. readings];
    }

    private double Noise(double scale) => scale * ((random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) / 1.5);
}

using Vigil.Domain.Devices;
using Vigil.Domain.Readings;

namespace Vigil.Simulator.Sensors;

/// <summary>
/// One batch's worth of plausible readings for each sensor kind, at its usual cadence and batch
/// size. Values are around healthy adult norms with sensor-like noise; full physiological models
/// (meals, insulin, activity, illness) build on these shapes.
/// </summary>
public static class SensorReadings
{
    /// <summary>ECG sample rate of the simulated patch.</summary>
    public const int EcgSampleRateHz = 250;

    /// <summary>The readings a device of <paramref name="kind"/> sends in one batch ending at <paramref name="end"/>.</summary>
    public static IReadOnlyList<Reading> Batch(SensorKind kind, DateTimeOffset end, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        end = DateTimeOffset.FromUnixTimeMilliseconds(end.ToUnixTimeMilliseconds());
        return kind switch
        {
            SensorKind.ContinuousGlucoseMonitor => Cgm(end, random),
            SensorKind.PulseOximeter => PulseOximeter(end, random),
            SensorKind.BloodPressureCuff => BloodPressure(end, random),
            SensorKind.EcgPatch => Ecg(end, random),
            SensorKind.BreathAnalysisMask => BreathMask(end, random),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static Reading[] Cgm(DateTimeOffset end, Random random)
    {
        var glucose = Math.Round(110 + (random.NextDouble() * 40) - 20);
        var trend = Math.Round((random.NextDouble() - 0.5) * 2, 1);
        return
        [
            Reading.Single(MeasurementKind.Glucose, end, glucose, "mg/dL"),
            Reading.Single(MeasurementKind.GlucoseTrend, end, trend, "mg/dL/min"),
        ];
    }

    private static Reading[] PulseOximeter(DateTimeOffset end, Random random)
    {
        var readings = new Reading[120];
        var pulse = 68 + random.Next(10);
        for (var s = 0; s < 60; s++)
        {
            var time = end.AddSeconds(s - 59);
            readings[2 * s] = Reading.Single(MeasurementKind.OxygenSaturation, time, 96 + random.Next(4), "%");
            pulse = Math.Clamp(pulse + random.Next(-1, 2), 55, 100);
            readings[(2 * s) + 1] = Reading.Single(MeasurementKind.PulseRate, time, pulse, "/min");
        }

        return readings;
    }

    private static Reading[] BloodPressure(DateTimeOffset end, Random random)
    {
        var systolic = 112 + random.Next(16);
        var diastolic = 70 + random.Next(12);
        var mean = Math.Round(diastolic + ((systolic - diastolic) / 3.0));
        return
        [
            new Reading(MeasurementKind.BloodPressure, end, [systolic, diastolic, mean], "mm[Hg]"),
            Reading.Single(MeasurementKind.PulseRate, end, 64 + random.Next(14), "/min"),
        ];
    }

    private static Reading[] Ecg(DateTimeOffset end, Random random)
    {
        var heartRate = 66 + random.Next(12);
        return
        [
            new Reading(MeasurementKind.EcgWaveform, end.AddSeconds(-10), [], "uV", Waveform: EcgWaveform(heartRate, 10, random)),
            Reading.Single(MeasurementKind.HeartRate, end, heartRate, "/min"),
        ];
    }

    /// <summary>
    /// A synthetic single-lead ECG: each beat is the sum of Gaussian P, Q, R, S and T waves at the
    /// given heart rate, plus baseline noise, sampled at 250 Hz in counts of 2.5 uV.
    /// </summary>
    public static Waveform EcgWaveform(double heartRate, int seconds, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        const double microvoltsPerCount = 2.5;
        var samples = new short[seconds * EcgSampleRateHz];
        var beat = 60.0 / Math.Clamp(heartRate, 20, 250);
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / EcgSampleRateHz;
            var phase = t % beat / beat;
            var microvolts = Wave(phase, 0.18, 0.025, 150) + Wave(phase, 0.30, 0.010, -120) + Wave(phase, 0.33, 0.012, 1200)
                + Wave(phase, 0.36, 0.010, -250) + Wave(phase, 0.60, 0.045, 300) + ((random.NextDouble() - 0.5) * 30);
            samples[i] = (short)Math.Round(microvolts / microvoltsPerCount);
        }

        return new Waveform(EcgSampleRateHz, microvoltsPerCount, samples);
    }

    private static double Wave(double phase, double centre, double width, double amplitude) =>
        amplitude * Math.Exp(-Math.Pow((phase - centre) / width, 2));

    private static Reading[] BreathMask(DateTimeOffset end, Random random)
    {
        string[] compounds = ["acetone", "isoprene", "ethanol", "2-pentanone", "nonanal"];
        var readings = compounds
            .Select(c => new Reading(MeasurementKind.BreathVoc, end, [Math.Round(50 + (random.NextDouble() * 400), 1)], "ppb", Code: c))
            .ToList();
        readings.Add(new Reading(MeasurementKind.BreathDiagnosis, end, [0, Math.Round(0.85 + (random.NextDouble() * 0.1), 2)], "1", Code: "53084003"));
        return [.. readings];
    }
}

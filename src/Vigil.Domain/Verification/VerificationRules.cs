using Vigil.Domain.Readings;

namespace Vigil.Domain.Verification;

/// <summary>
/// The plausibility limits Vigil applies, one row per measurement kind, and the device-level
/// bounds (clock skew, calibration error). Any change to a number here is a change of
/// <see cref="Version"/>, so that verdicts say which rules made them. docs/verification.md is the
/// same table with the source of each number.
/// </summary>
public static class VerificationRules
{
    /// <summary>The version of these rules, stored with every verdict.</summary>
    public const int Version = 3;

    /// <summary>How far ahead of the platform a device's clock may run before readings are Suspect.</summary>
    public static readonly TimeSpan SkewTolerance = TimeSpan.FromMinutes(2);

    /// <summary>How far ahead a device's clock may run at all; beyond it its readings are Rejected.</summary>
    public static readonly TimeSpan SkewLimit = TimeSpan.FromHours(1);

    /// <summary>How old a batch may be when it arrives (a relay's backfill) before its times are doubted.</summary>
    public static readonly TimeSpan MaxBatchAge = TimeSpan.FromDays(28);

    /// <summary>How much earlier than its batch a reading may be (a device's own buffer).</summary>
    public static readonly TimeSpan MaxReadingAge = TimeSpan.FromDays(14);

    /// <summary>How much later than its batch a reading may claim to be (clock resolution).</summary>
    public static readonly TimeSpan ReadingLead = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How far back a batch may be dated against the batch before it, by sequence, and a reading
    /// against the latest reading of its kind in the device's earlier sessions, without the clock
    /// having jumped.
    /// </summary>
    public static readonly TimeSpan ClockRegression = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How far two of a device's sessions may disagree with the order of their sequence numbers
    /// (by their signed start and creation times) before they count as two holders of its key: the
    /// same allowance as for clock skew.
    /// </summary>
    public static readonly TimeSpan SessionOrderTolerance = TimeSpan.FromMinutes(2);

    /// <summary>Fingerstick pairs needed before a device's error counts.</summary>
    public const int CalibrationPairs = 2;

    /// <summary>Mean absolute relative difference against references above which a device or lot drifts.</summary>
    public const double MaxMard = 0.20;

    /// <summary>How far apart a CGM reading and a reference may be in time to make a pair.</summary>
    public static readonly TimeSpan CalibrationPairing = TimeSpan.FromMinutes(5);

    /// <summary>Pulse oximeter against ECG: the largest difference, absolute part (/min).</summary>
    public const double CrossSensorAbsolute = 10;

    /// <summary>Pulse oximeter against ECG: the largest difference, as a fraction of the ECG rate.</summary>
    public const double CrossSensorRelative = 0.15;

    /// <summary>How close in time a pulse reading and an ECG heart rate must be to be compared.</summary>
    public static readonly TimeSpan CrossSensorPairing = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<MeasurementKind, SensorLimits> Table = new SensorLimits[]
    {
        new(MeasurementKind.Glucose, "mg/dL", 20, 600, 40, 400, MaxRatePerMinute: 4, NoiseAbsolute: 5, NoiseRelative: 0.05,
            FlatlineRun: 9, FlatlineSpan: TimeSpan.FromMinutes(40), StaleRun: 6, Taint: TimeSpan.FromMinutes(30)),
        new(MeasurementKind.GlucoseTrend, "mg/dL/min", -20, 20, -10, 10),
        new(MeasurementKind.OxygenSaturation, "%", 0, 100, 70, 100, MaxRatePerMinute: 45, NoiseAbsolute: 2,
            Taint: TimeSpan.FromMinutes(5), SampleInterval: TimeSpan.FromSeconds(1), MaxMeanStep: 2.5),
        new(MeasurementKind.PulseRate, "/min", 0, 350, 25, 250, MaxRatePerMinute: 120, NoiseAbsolute: 3, NoiseRelative: 0.02,
            FlatlineRun: 120, FlatlineSpan: TimeSpan.FromMinutes(2), StaleRun: 60, Taint: TimeSpan.FromMinutes(2),
            SampleInterval: TimeSpan.FromSeconds(1), MaxMeanStep: 8),
        new(MeasurementKind.BloodPressure, "mm[Hg]", 20, 300, 60, 250, FlatlineRun: 2),
        new(MeasurementKind.HeartRate, "/min", 0, 350, 25, 250, MaxRatePerMinute: 120, NoiseAbsolute: 3, NoiseRelative: 0.02,
            FlatlineRun: 30, FlatlineSpan: TimeSpan.FromMinutes(5), StaleRun: 30, Taint: TimeSpan.FromMinutes(2)),
        new(MeasurementKind.EcgWaveform, "uV", double.MinValue, double.MaxValue, double.MinValue, double.MaxValue),
        new(MeasurementKind.BreathVoc, "ppb", 0, 1_000_000, 0, 10_000),
        new(MeasurementKind.BreathDiagnosis, "1", 0, 1, 0, 1),
        new(MeasurementKind.BodyTemperature, "Cel", 25, 45, 34, 42),
        new(MeasurementKind.RespiratoryRate, "/min", 0, 100, 4, 60),
    }.ToDictionary(l => l.Kind);

    /// <summary>Diastolic pressure limits (the second blood-pressure value).</summary>
    public static SensorLimits Diastolic { get; } = new(MeasurementKind.BloodPressure, "mm[Hg]", 10, 200, 30, 150);

    /// <summary>The least peak-to-peak amplitude of a 10-second ECG lead on a patient (uV); below it the lead is flat.</summary>
    public const double EcgMinPeakToPeak = 100;

    /// <summary>The fraction of expected samples a fixed-rate batch may miss before it is a dropout.</summary>
    public const double MaxMissingFraction = 0.2;

    /// <summary>Every row.</summary>
    public static IEnumerable<SensorLimits> All => Table.Values;

    /// <summary>The limits of a kind.</summary>
    public static SensorLimits For(MeasurementKind kind) => Table[kind];

    /// <summary>The first value of a reading in the unit of its limits (mmol/L glucose becomes mg/dL).</summary>
    public static double Primary(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return reading.Values.Count == 0 ? 0 : InLimitUnit(reading, reading.Values[0]);
    }

    /// <summary>A value of the reading converted into the unit of its kind's limits.</summary>
    public static double InLimitUnit(Reading reading, double value)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return reading.Unit switch
        {
            "mmol/L" or "mmol/L/min" => value * GlucoseMgPerMmol,
            _ => value,
        };
    }

    /// <summary>mg/dL of glucose per mmol/L (molar mass 180.16 g/mol).</summary>
    public const double GlucoseMgPerMmol = 18.016;
}

namespace Vigil.Domain.Readings;

/// <summary>
/// What a reading measures. The numeric values are the kind codes of the wire format
/// (docs/protocol.md) and must never be renumbered.
/// </summary>
public enum MeasurementKind
{
    /// <summary>Interstitial glucose concentration; one value, mg/dL or mmol/L.</summary>
    Glucose = 1,

    /// <summary>Glucose rate of change; one value, mg/dL/min.</summary>
    GlucoseTrend = 2,

    /// <summary>Peripheral oxygen saturation; one value, %.</summary>
    OxygenSaturation = 3,

    /// <summary>Pulse rate from a pulse oximeter or cuff; one value, /min.</summary>
    PulseRate = 4,

    /// <summary>Arterial blood pressure; three values (systolic, diastolic, mean), mm[Hg].</summary>
    BloodPressure = 5,

    /// <summary>Heart rate derived from an ECG; one value, /min.</summary>
    HeartRate = 6,

    /// <summary>Single-lead ECG waveform; no values, a waveform in uV.</summary>
    EcgWaveform = 7,

    /// <summary>Volatile organic compound concentration in breath; one value, ppb; the code names the compound.</summary>
    BreathVoc = 8,

    /// <summary>Breath diagnostic result; two values (1 positive or 0 negative, confidence 0..1), unit "1"; the code names the condition.</summary>
    BreathDiagnosis = 9,

    /// <summary>Body temperature; one value, Cel.</summary>
    BodyTemperature = 10,

    /// <summary>Respiratory rate; one value, /min.</summary>
    RespiratoryRate = 11,
}

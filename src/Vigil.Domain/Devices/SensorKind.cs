namespace Vigil.Domain.Devices;

/// <summary>The kinds of sensor Vigil receives readings from.</summary>
public enum SensorKind
{
    /// <summary>Continuous glucose monitor: interstitial glucose every 5 minutes.</summary>
    ContinuousGlucoseMonitor = 1,

    /// <summary>Pulse oximeter: SpO2 and pulse rate at 1 Hz, batched per minute.</summary>
    PulseOximeter = 2,

    /// <summary>Blood-pressure cuff: systolic, diastolic, mean pressure and pulse.</summary>
    BloodPressureCuff = 3,

    /// <summary>ECG patch: single-lead samples at 250 Hz with derived heart rate, in 10 s batches.</summary>
    EcgPatch = 4,

    /// <summary>Breath-analysis diagnostic mask: VOC biomarkers and a diagnostic result per session.</summary>
    BreathAnalysisMask = 5,
}

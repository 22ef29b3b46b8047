namespace Vigil.Domain.Clinical;

/// <summary>The stable codes of alert rules; stored with alerts and shown to clinicians.</summary>
public static class AlertRules
{
    /// <summary>Glucose below the low threshold.</summary>
    public const string GlucoseLow = "glucose-low";

    /// <summary>Glucose below the urgent-low threshold.</summary>
    public const string GlucoseUrgentLow = "glucose-urgent-low";

    /// <summary>Glucose above the high threshold.</summary>
    public const string GlucoseHigh = "glucose-high";

    /// <summary>SpO2 below its threshold.</summary>
    public const string Desaturation = "spo2-low";

    /// <summary>Heart or pulse rate below its threshold.</summary>
    public const string Bradycardia = "heart-rate-low";

    /// <summary>Heart or pulse rate above its threshold.</summary>
    public const string Tachycardia = "heart-rate-high";

    /// <summary>Systolic or diastolic pressure at a crisis level.</summary>
    public const string HypertensiveCrisis = "hypertensive-crisis";

    /// <summary>A positive breath diagnosis.</summary>
    public const string BreathPositive = "breath-positive";

    /// <summary>A device's data cannot be trusted (quarantine, recall, drift, clone): use another measurement.</summary>
    public const string DataUntrusted = "data-untrusted";
}

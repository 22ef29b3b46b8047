namespace Vigil.Domain.Clinical;

/// <summary>
/// A patient's alert thresholds. The defaults follow the consensus levels cited in
/// docs/verification.md (level 1 and level 2 hypoglycaemia at 70 and 54 mg/dL, and so on); a
/// clinician may set others per patient.
/// </summary>
public sealed record ClinicalThresholds
{
    /// <summary>The defaults.</summary>
    public static ClinicalThresholds Default { get; } = new();

    /// <summary>Glucose below this (mg/dL): hypoglycaemia.</summary>
    public double GlucoseLow { get; init; } = 70;

    /// <summary>Glucose below this (mg/dL): clinically significant hypoglycaemia.</summary>
    public double GlucoseUrgentLow { get; init; } = 54;

    /// <summary>Glucose above this (mg/dL): hyperglycaemia.</summary>
    public double GlucoseHigh { get; init; } = 250;

    /// <summary>SpO2 below this (%): desaturation.</summary>
    public double OxygenSaturationLow { get; init; } = 90;

    /// <summary>Heart or pulse rate below this (/min): bradycardia.</summary>
    public double HeartRateLow { get; init; } = 40;

    /// <summary>Heart or pulse rate above this (/min): tachycardia.</summary>
    public double HeartRateHigh { get; init; } = 130;

    /// <summary>Systolic pressure at or above this (mm[Hg]): hypertensive crisis.</summary>
    public double SystolicHigh { get; init; } = 180;

    /// <summary>Diastolic pressure at or above this (mm[Hg]): hypertensive crisis.</summary>
    public double DiastolicHigh { get; init; } = 120;

    /// <summary>Whether a positive breath diagnosis raises an alert.</summary>
    public bool BreathPositive { get; init; } = true;
}

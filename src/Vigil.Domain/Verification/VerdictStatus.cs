namespace Vigil.Domain.Verification;

/// <summary>How far a reading can be trusted. The numeric values are stored and must not change.</summary>
public enum VerdictStatus
{
    /// <summary>Authenticated and plausible: fit for clinical use.</summary>
    Verified = 0,

    /// <summary>Authenticated but doubtful for the reasons given: shown, marked, never trusted alone.</summary>
    Suspect = 1,

    /// <summary>Not a usable measurement (sensor error, impossible value, clock far off): kept as evidence only.</summary>
    Rejected = 2,
}

namespace Vigil.Domain.Clinical;

/// <summary>Where an alert stands. The numeric values are stored and must not change.</summary>
public enum AlertStatus
{
    /// <summary>Raised; no one has acted.</summary>
    Open = 0,

    /// <summary>A clinician has seen it.</summary>
    Acknowledged = 1,

    /// <summary>A clinician has confirmed the finding (by another measurement or by seeing the patient).</summary>
    Confirmed = 2,

    /// <summary>Escalated to emergency care. Final.</summary>
    Escalated = 3,

    /// <summary>Dismissed. Final.</summary>
    Dismissed = 4,
}

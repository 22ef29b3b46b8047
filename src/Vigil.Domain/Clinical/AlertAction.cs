namespace Vigil.Domain.Clinical;

/// <summary>What a clinician can do with an alert.</summary>
public enum AlertAction
{
    /// <summary>Mark it seen.</summary>
    Acknowledge,

    /// <summary>Confirm the finding.</summary>
    Confirm,

    /// <summary>Escalate to emergency care.</summary>
    Escalate,

    /// <summary>Dismiss it.</summary>
    Dismiss,
}

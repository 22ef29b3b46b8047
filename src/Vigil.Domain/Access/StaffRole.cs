namespace Vigil.Domain.Access;

/// <summary>What a member of staff may do in Vigil (docs/access.md).</summary>
public enum StaffRole
{
    /// <summary>Sees and acts on the patients of their care teams, and others only through break-glass.</summary>
    Clinician,

    /// <summary>Sees devices, security events, incidents, recalls and the ledger; no patient data.</summary>
    Analyst,

    /// <summary>Manages users, care teams and keys; no patient data.</summary>
    Admin,
}

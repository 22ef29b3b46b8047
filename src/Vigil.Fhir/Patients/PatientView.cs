namespace Vigil.Fhir.Patients;

/// <summary>How much of a patient the caller may see.</summary>
public enum PatientView
{
    /// <summary>The opaque patient id only: enough to join readings, nothing that names the person.</summary>
    IdentifiersOnly = 0,

    /// <summary>Also the display name and the medical record number, for a role that may see them.</summary>
    Full = 1,
}

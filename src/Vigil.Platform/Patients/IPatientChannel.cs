using Vigil.Domain.Patients;
namespace Vigil.Platform.Patients;

/// <summary>How a device actor reaches a patient actor.</summary>
public interface IPatientChannel
{
    /// <summary>Hands a committed batch's readings to the patient's actor.</summary>
    Task ObserveAsync(PatientId patientId, PatientObservation observation);
}

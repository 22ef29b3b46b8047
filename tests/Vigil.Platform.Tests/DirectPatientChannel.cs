using Vigil.Domain.Patients;
using Vigil.Platform.Patients;

namespace Vigil.Platform.Tests;

/// <summary>Reaches patient actors' work directly, one <see cref="PatientCare"/> per patient, without Orleans.</summary>
internal sealed class DirectPatientChannel(PatientServices services) : IPatientChannel
{
    private readonly Dictionary<PatientId, PatientCare> _patients = [];

    public async Task ObserveAsync(PatientId patientId, PatientObservation observation)
    {
        if (!_patients.TryGetValue(patientId, out var care))
        {
            care = new PatientCare(patientId, services);
            _patients.Add(patientId, care);
        }

        await care.ObserveAsync(observation);
    }
}

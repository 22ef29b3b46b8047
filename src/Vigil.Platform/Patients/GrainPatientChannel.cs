using Vigil.Domain.Patients;
namespace Vigil.Platform.Patients;

/// <summary>Reaches patient actors through Orleans.</summary>
public sealed class GrainPatientChannel(IGrainFactory grains) : IPatientChannel
{
    /// <inheritdoc />
    public Task ObserveAsync(PatientId patientId, PatientObservation observation) => grains.GetGrain<IPatientGrain>(patientId.Value).ObserveAsync(observation);
}

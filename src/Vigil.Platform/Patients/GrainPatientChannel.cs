namespace Vigil.Platform.Patients;

/// <summary>Reaches patient actors through Orleans.</summary>
public sealed class GrainPatientChannel(IGrainFactory grains) : IPatientChannel
{
    /// <inheritdoc />
    public Task ObserveAsync(string patientId, PatientObservation observation) => grains.GetGrain<IPatientGrain>(patientId).ObserveAsync(observation);
}

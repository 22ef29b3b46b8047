using Vigil.Domain.Patients;
using Vigil.Platform.Live;

namespace Vigil.Platform.Patients;

/// <summary>Hands observations to the patients' actors, then to the live feed: by then the actor's alerts are raised.</summary>
public sealed class LivePatientChannel(IPatientChannel inner, LiveFeed feed) : IPatientChannel
{
    /// <inheritdoc />
    public async Task ObserveAsync(PatientId patientId, PatientObservation observation)
    {
        await inner.ObserveAsync(patientId, observation);
        feed.Publish(new PatientUpdate(patientId, observation));
    }
}

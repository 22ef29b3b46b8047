using Vigil.Domain.Devices;

namespace Vigil.Platform.Patients;

/// <summary>One committed batch's readings for the patient actor.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Sequence">The batch.</param>
/// <param name="Readings">Its readings with verdicts (waveforms left out).</param>
[GenerateSerializer]
[Immutable]
public sealed record PatientObservation(
    [property: Id(0)] DeviceId DeviceId,
    [property: Id(1)] ulong Sequence,
    [property: Id(2)] IReadOnlyList<ObservedReading> Readings);

using Orleans.Concurrency;

namespace Vigil.Platform.Patients;

/// <summary>One patient's actor: cross-sensor checks and clinical rules over everything their devices send.</summary>
internal interface IPatientGrain : IGrainWithStringKey
{
    /// <summary>Takes a committed batch's readings. One-way: the device's acknowledgement does not wait for it.</summary>
    [OneWay]
    Task ObserveAsync(PatientObservation observation);

    /// <summary>Completes when every observation sent before it has been handled.</summary>
    Task FlushAsync();
}

using Vigil.Domain.Patients;
using Vigil.Platform.Patients;

namespace Vigil.Platform.Live;

/// <summary>Readings of one batch, as stored with their verdicts, after the patient's actor has seen them (its alerts are raised).</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Observation">The device, batch and readings.</param>
public sealed record PatientUpdate(PatientId PatientId, PatientObservation Observation);

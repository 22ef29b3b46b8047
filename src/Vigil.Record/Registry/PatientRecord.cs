using Vigil.Domain.Patients;

namespace Vigil.Record.Registry;

/// <summary>A patient under monitoring.</summary>
/// <param name="Id">The patient id (an opaque identifier, not a medical record number).</param>
/// <param name="DisplayName">How the care team refers to the patient.</param>
/// <param name="AddedAt">When the patient was added.</param>
/// <param name="Devices">The devices bound to the patient.</param>
/// <param name="GlucoseUnit">The unit the patient's care team reads glucose in: <c>mg/dL</c> or <c>mmol/L</c>.</param>
/// <param name="Mrn">The patient's identifier in the hospital's record, if known.</param>
public sealed record PatientRecord(PatientId Id, string DisplayName, DateTimeOffset AddedAt, IReadOnlyList<string> Devices, string GlucoseUnit = "mg/dL", string? Mrn = null);

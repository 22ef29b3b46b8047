namespace Vigil.Server.Http.Api;

/// <summary>A patient's details.</summary>
/// <param name="Id">The patient id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Mrn">The hospital identifier, if known.</param>
/// <param name="GlucoseUnit">How glucose is shown for this patient.</param>
/// <param name="Devices">The devices bound to the patient.</param>
/// <param name="Access">Why the user may see them: <c>care-team</c> or <c>break-glass</c>.</param>
/// <param name="AddedAt">When the patient was added.</param>
internal sealed record PatientView(string Id, string Name, string? Mrn, string GlucoseUnit, IReadOnlyList<string> Devices, string Access, DateTimeOffset AddedAt);

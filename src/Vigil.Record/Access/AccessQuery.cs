using Vigil.Domain.Patients;

namespace Vigil.Record.Access;

/// <summary>Which accesses to list, newest first; unset fields match everything.</summary>
/// <param name="PatientId">Only to this patient's data.</param>
/// <param name="UserId">Only by this user.</param>
/// <param name="Purpose">Only with this purpose.</param>
/// <param name="Limit">At most this many.</param>
public sealed record AccessQuery(PatientId? PatientId = null, string? UserId = null, string? Purpose = null, int Limit = 200);

using Vigil.Domain.Patients;

namespace Vigil.Domain.Access;

/// <summary>
/// Emergency access (break-glass): a clinician opened a patient outside their care teams with a
/// typed reason, for a limited time. Every such grant is flagged for review.
/// </summary>
/// <param name="Id">Its number.</param>
/// <param name="UserId">Who opened it.</param>
/// <param name="PatientId">Whose record.</param>
/// <param name="Reason">Why, as typed.</param>
/// <param name="OpenedAt">When.</param>
/// <param name="ExpiresAt">Until when it grants access.</param>
/// <param name="ReviewedBy">Who reviewed it, once reviewed.</param>
/// <param name="ReviewedAt">When.</param>
/// <param name="ReviewNote">What the reviewer concluded.</param>
public sealed record BreakGlassGrant(
    long Id, string UserId, PatientId PatientId, string Reason, DateTimeOffset OpenedAt, DateTimeOffset ExpiresAt,
    string? ReviewedBy, DateTimeOffset? ReviewedAt, string? ReviewNote);

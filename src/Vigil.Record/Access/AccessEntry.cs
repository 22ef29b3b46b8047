using Vigil.Domain.Patients;

namespace Vigil.Record.Access;

/// <summary>One read of (or action on) a patient's data, as the ledger records it.</summary>
/// <param name="Id">Its number (0 before it is stored).</param>
/// <param name="At">When.</param>
/// <param name="UserId">Who.</param>
/// <param name="Role">In which role.</param>
/// <param name="PatientId">Whose data.</param>
/// <param name="What">What was read or done, such as <c>patient.readings</c> or <c>alert.confirm</c>.</param>
/// <param name="Purpose">Why access was allowed (<see cref="AccessPurposes"/>).</param>
/// <param name="BreakGlassId">The break-glass grant it rests on, if any.</param>
public sealed record AccessEntry(
    long Id, DateTimeOffset At, string UserId, string Role, PatientId PatientId, string What, string Purpose, long? BreakGlassId = null);

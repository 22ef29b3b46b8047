using System.Security.Claims;
using Vigil.Domain.Access;
using Vigil.Domain.Patients;
using Vigil.Platform.Queries;
using Vigil.Platform.Security;
using Vigil.Record.Access;

namespace Vigil.Server.Access;

/// <summary>
/// The one gate to patient data (T18). A clinician sees the patients of their care teams, and
/// another patient only through an active break-glass grant; analysts and administrators see no
/// patient data at all. An allowed read is recorded in the ledger before the data is returned (if
/// it cannot be recorded, nothing is returned); a refused one is a security event. A patient that
/// does not exist is refused like one the user may not see, so ids cannot be probed.
/// </summary>
internal sealed class PatientGate(CareAccess care, SecurityEventSink events)
{
    /// <summary>The patients a user may see now.</summary>
    public async Task<IReadOnlySet<PatientId>> VisibleAsync(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Role() != StaffRole.Clinician)
        {
            return new HashSet<PatientId>();
        }

        return await care.VisibleAsync(user.UserId());
    }

    /// <summary>
    /// Whether the user may read <paramref name="what"/> of a patient now; if so, the access is
    /// recorded first. Null when refused (and the refusal raised as a security event).
    /// </summary>
    public async Task<AccessEntry?> OpenAsync(ClaimsPrincipal user, PatientId patientId, string what, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var entry = await DecideAsync(user, patientId, what);
        if (entry is null)
        {
            events.Raise(
                VigilAuthentication.AccessDenied, user.UserId(), source, null,
                $"{user.Role()?.ToString() ?? "no role"} {user.UserId()} asked for {what} of patient {patientId}, who is not in their care");
            return null;
        }

        return entry with { Id = await care.RecordAsync(entry, cancellationToken) };
    }

    /// <summary>Records that the user was shown something of each of these patients (a list), all of whom they may see.</summary>
    public async Task RecordAsync(ClaimsPrincipal user, IEnumerable<PatientId> patientIds, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientIds);
        foreach (var patient in patientIds)
        {
            if (await DecideAsync(user, patient, what) is not { } entry)
            {
                throw new InvalidOperationException($"{user.UserId()} may not see patient {patient}");
            }

            await care.RecordAsync(entry, cancellationToken);
        }
    }

    // Not cancellable: a refusal is raised as a security event even when the asker has gone.
    private async Task<AccessEntry?> DecideAsync(ClaimsPrincipal user, PatientId patientId, string what) =>
        user.Role() != StaffRole.Clinician ? null : await care.DecideAsync(user.UserId(), patientId, what);
}

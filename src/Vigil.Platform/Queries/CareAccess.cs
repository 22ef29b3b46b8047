using Vigil.Domain.Access;
using Vigil.Domain.Patients;
using Vigil.Record.Access;

namespace Vigil.Platform.Queries;

/// <summary>
/// Who may see which patient now, and the log of who was shown what (T18). A clinician sees the
/// patients of their care teams, and another patient only through an active break-glass grant.
/// Whoever shows patient data records the access here first, and shows nothing if that fails.
/// </summary>
public sealed class CareAccess(IAccessStore access, TimeProvider time)
{
    /// <summary>The patients a clinician may see now: those of their care teams and those under an active grant.</summary>
    public async Task<IReadOnlySet<PatientId>> VisibleAsync(string userId, CancellationToken cancellationToken = default)
    {
        var visible = new HashSet<PatientId>(await access.PatientsInCareOfAsync(userId, cancellationToken));
        visible.UnionWith(await access.BreakGlassPatientsAsync(userId, time.GetUtcNow(), cancellationToken));
        return visible;
    }

    /// <summary>
    /// The entry, not yet recorded, that lets a clinician read <paramref name="what"/> of a patient
    /// now: through a care team, else through an active grant; null if neither.
    /// </summary>
    public async Task<AccessEntry?> DecideAsync(string userId, PatientId patientId, string what, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if ((await access.PatientsInCareOfAsync(userId, cancellationToken)).Contains(patientId))
        {
            return new AccessEntry(0, now, userId, nameof(StaffRole.Clinician), patientId, what, AccessPurposes.CareTeam);
        }

        return await access.ActiveBreakGlassAsync(userId, patientId, now, cancellationToken) is { } grant
            ? new AccessEntry(0, now, userId, nameof(StaffRole.Clinician), patientId, what, AccessPurposes.BreakGlass, grant.Id)
            : null;
    }

    /// <summary>
    /// Records that an operator at the command line was shown patients' data: one access per
    /// patient named, durably, before anything is shown.
    /// </summary>
    public async Task RecordOperatorAsync(string operatorId, IEnumerable<PatientId> patientIds, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patientIds);
        foreach (var patient in patientIds.Distinct())
        {
            await access.RecordAccessAsync(new AccessEntry(0, time.GetUtcNow(), operatorId, "operator", patient, what, AccessPurposes.Operator), cancellationToken);
        }
    }

    /// <summary>Records an access in the access log and the ledger, durably; returns its number. The data may be shown only once it returns.</summary>
    public Task<long> RecordAsync(AccessEntry entry, CancellationToken cancellationToken = default) => access.RecordAccessAsync(entry, cancellationToken);
}

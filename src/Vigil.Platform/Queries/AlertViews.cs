using Vigil.Domain.Clinical;
using Vigil.Domain.Patients;
using Vigil.Record.Clinical;

namespace Vigil.Platform.Queries;

/// <summary>
/// Alerts as clinicians read them, with what was done with them. Callers decide who may see which
/// patient's alerts and record that access first (<see cref="CareAccess"/>).
/// </summary>
public sealed class AlertViews(IClinicalStore clinical)
{
    /// <summary>The alerts of one patient, or of every patient when none is named, newest first: only those not escalated or dismissed if asked.</summary>
    public Task<IReadOnlyList<Alert>> ListAsync(PatientId? patientId, bool activeOnly, CancellationToken cancellationToken = default) =>
        clinical.AlertsAsync(patientId, activeOnly, cancellationToken: cancellationToken);

    /// <summary>One patient's alerts, newest first: only those not escalated or dismissed if asked.</summary>
    public Task<IReadOnlyList<Alert>> OfPatientAsync(PatientId patientId, bool activeOnly, int limit = 500, CancellationToken cancellationToken = default) =>
        clinical.AlertsAsync(patientId, activeOnly, limit, cancellationToken);

    /// <summary>The alerts of these patients together, newest first: only those not escalated or dismissed if asked.</summary>
    public async Task<IReadOnlyList<Alert>> OfPatientsAsync(IEnumerable<PatientId> patientIds, bool activeOnly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patientIds);
        var alerts = new List<Alert>();
        foreach (var patient in patientIds)
        {
            alerts.AddRange(await clinical.AlertsAsync(patient, activeOnly: activeOnly, cancellationToken: cancellationToken));
        }

        return [.. alerts.OrderByDescending(a => a.Id)];
    }

    /// <summary>A patient's open alerts, with how many of them are unconfirmed.</summary>
    public async Task<OpenAlerts> OpenAsync(PatientId patientId, CancellationToken cancellationToken = default) =>
        OpenAlerts.Of(await clinical.AlertsAsync(patientId, activeOnly: true, cancellationToken: cancellationToken));

    /// <summary>An alert, or null.</summary>
    public Task<Alert?> FindAsync(long id, CancellationToken cancellationToken = default) => clinical.FindAlertAsync(id, cancellationToken);

    /// <summary>What was done with an alert, oldest first.</summary>
    public Task<IReadOnlyList<AlertActionRecord>> ActionsAsync(long id, CancellationToken cancellationToken = default) => clinical.ActionsAsync(id, cancellationToken);
}

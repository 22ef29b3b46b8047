using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Record.Access;
using Vigil.Record.Clinical;
using Vigil.Record.Readings;
using Vigil.Record.Registry;

namespace Vigil.Platform.Queries;

/// <summary>
/// Patients, their readings and reference measurements, as the console, the API and the CLI read
/// them. Callers decide who may see which patient and record that access first
/// (<see cref="CareAccess"/>); nothing here records or refuses.
/// </summary>
public sealed class PatientViews(IRegistry registry, IReadingStore readings, IClinicalStore clinical, IAccessStore access, AlertViews alerts, TimeProvider time)
{
    /// <summary>Every verdict a reading has had, oldest first.</summary>
    public Task<IReadOnlyList<VerdictEntry>> VerdictHistoryAsync(ReadingKey key, CancellationToken cancellationToken = default) => readings.HistoryAsync(key, cancellationToken);

    /// <summary>How many readings the record holds with each verdict status.</summary>
    public Task<IReadOnlyDictionary<VerdictStatus, long>> CountByStatusAsync(CancellationToken cancellationToken = default) =>
        readings.CountByStatusAsync(cancellationToken: cancellationToken);

    /// <summary>Every patient, by id.</summary>
    public Task<IReadOnlyList<PatientRecord>> ListAsync(CancellationToken cancellationToken = default) => registry.ListPatientsAsync(cancellationToken);

    /// <summary>The patients among <paramref name="visible"/>, by id.</summary>
    public async Task<IReadOnlyList<PatientRecord>> ListAsync(IReadOnlySet<PatientId> visible, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(visible);
        return [.. (await registry.ListPatientsAsync(cancellationToken)).Where(p => visible.Contains(p.Id))];
    }

    /// <summary>The display names of the patients among <paramref name="visible"/>, by id.</summary>
    public async Task<IReadOnlyDictionary<PatientId, string>> NamesAsync(IReadOnlySet<PatientId> visible, CancellationToken cancellationToken = default) =>
        (await ListAsync(visible, cancellationToken)).ToDictionary(p => p.Id, p => p.DisplayName);

    /// <summary>The patient with this id, or null.</summary>
    public Task<PatientRecord?> FindAsync(PatientId id, CancellationToken cancellationToken = default) => registry.FindPatientAsync(id, cancellationToken);

    /// <summary>Readings matching a query, newest first.</summary>
    public Task<IReadOnlyList<StoredReading>> ReadingsAsync(ReadingQuery query, CancellationToken cancellationToken = default) => readings.QueryAsync(query, cancellationToken);

    /// <summary>A patient's reference measurements.</summary>
    public Task<IReadOnlyList<Calibration>> CalibrationsAsync(PatientId patientId, CancellationToken cancellationToken = default) =>
        clinical.CalibrationsAsync(patientId: patientId, cancellationToken: cancellationToken);

    /// <summary>A patient's latest reading of each kind, in the order of the kinds, the ECG waveform left out.</summary>
    public async Task<IReadOnlyList<StoredReading>> LatestAsync(PatientId patientId, CancellationToken cancellationToken = default)
    {
        var latest = new List<StoredReading>();
        foreach (var kind in Enum.GetValues<MeasurementKind>().Where(k => k != MeasurementKind.EcgWaveform))
        {
            latest.AddRange(await readings.QueryAsync(new ReadingQuery { PatientId = patientId, Kind = kind, Limit = 1 }, cancellationToken));
        }

        return latest;
    }

    /// <summary>
    /// What a clinician's list shows of each of <paramref name="patients"/> (all of whom they may see,
    /// their access recorded): why they may, their latest vitals and their open alerts.
    /// </summary>
    public async Task<IReadOnlyList<PatientSummary>> SummariesAsync(string userId, IReadOnlyList<PatientRecord> patients, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patients);
        var care = await access.PatientsInCareOfAsync(userId, cancellationToken);
        var now = time.GetUtcNow();
        var summaries = new List<PatientSummary>();
        foreach (var p in patients)
        {
            var grant = care.Contains(p.Id) ? null : await access.ActiveBreakGlassAsync(userId, p.Id, now, cancellationToken);
            var latest = await LatestAsync(p.Id, cancellationToken);
            var open = await alerts.OpenAsync(p.Id, cancellationToken);
            summaries.Add(new PatientSummary(
                p, grant is null ? AccessPurposes.CareTeam : AccessPurposes.BreakGlass, grant?.ExpiresAt, latest, open.Alerts.Count, open.Unconfirmed));
        }

        return summaries;
    }
}

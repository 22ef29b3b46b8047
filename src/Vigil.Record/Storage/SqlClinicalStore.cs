using System.Data.Common;
using System.Text.Json;
using Vigil.Domain.Clinical;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Verification;
using Vigil.Record.Clinical;
using Vigil.Record.Encryption;
using Vigil.Record.Ledger;

namespace Vigil.Record.Storage;

/// <summary>
/// Alerts, their actions, reference measurements and thresholds. What an alert says (rule,
/// value, detail, reasons), clinicians' notes, reference values and thresholds are sealed under
/// the patient's data key; ids, times and statuses stay in clear.
/// </summary>
internal sealed class SqlClinicalStore(RecordDatabase database, RecordCipher cipher) : IClinicalStore
{
    private const string AlertColumns =
        "id, patient_id, device_id, raised_at, reading_at, status, integrity, updated_at, occurrences, last_reading_at, sealed";

    private const int Closed = (int)AlertStatus.Escalated;

    public async Task<Alert?> OpenAlertAsync(PatientId patientId, string rule, CancellationToken cancellationToken = default) =>
        (await QueryAlertsAsync(cancellationToken, $"SELECT {AlertColumns} FROM alerts WHERE patient_id = @p AND status < {Closed} ORDER BY id DESC;", ("@p", patientId.Value)))
            .FirstOrDefault(a => a.Rule == rule);

    public async Task<long> RaiseAlertAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        cipher.Prepare(alert.PatientId.Value);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The sealed part is bound to the alert's number, which the database assigns.
        var id = await Sql.ScalarLongAsync(
            connection, transaction,
            """
            INSERT INTO alerts (patient_id, device_id, raised_at, reading_at, status, integrity, updated_at, occurrences, last_reading_at, sealed)
            VALUES (@p, @d, @raised, @readingAt, @status, @integrity, @raised, 1, @readingAt, @empty) RETURNING id;
            """, cancellationToken,
            ("@p", alert.PatientId.Value), ("@d", alert.DeviceId?.Value), ("@raised", Sql.Ms(alert.RaisedAt)), ("@readingAt", Sql.Ms(alert.ReadingAt)),
            ("@status", (int)alert.Status), ("@integrity", (int)alert.Integrity), ("@empty", Array.Empty<byte>()));
        await Sql.ExecuteAsync(
            connection, transaction, "UPDATE alerts SET sealed = @s WHERE id = @id;", cancellationToken,
            ("@s", SealAlert(alert.PatientId.Value, id, new SealedAlert(alert.Rule, alert.Value, alert.Detail, [.. alert.Reasons]))), ("@id", id));
        await FactsAsync(connection, transaction, cancellationToken, f => f.RecordAsync(FactKinds.Alert, cancellationToken, id));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task AddOccurrenceAsync(long id, DateTimeOffset readingAt, double value, VerdictStatus integrity, IReadOnlyList<string> reasons, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var alert = (await Sql.QueryAsync(connection, transaction, $"SELECT {AlertColumns} FROM alerts WHERE id = @id{database.ForUpdate};", ReadAlert, cancellationToken, ("@id", id))).SingleOrDefault();
        if (alert is null)
        {
            return;
        }

        // Worse data lowers the alert's integrity and brings its reasons; better data never raises it.
        var worse = integrity > alert.Integrity;
        var sealedAlert = SealAlert(alert.PatientId.Value, id, new SealedAlert(alert.Rule, alert.Value, alert.Detail, worse ? [.. reasons] : [.. alert.Reasons]));
        await Sql.ExecuteAsync(
            connection, transaction,
            """
            UPDATE alerts SET occurrences = occurrences + 1, updated_at = @at, integrity = @integrity, sealed = @sealed,
                last_reading_at = CASE WHEN @readingAt > last_reading_at THEN @readingAt ELSE last_reading_at END
            WHERE id = @id;
            """, cancellationToken,
            ("@id", id), ("@readingAt", Sql.Ms(readingAt)), ("@at", Sql.Ms(at)), ("@integrity", (int)(worse ? integrity : alert.Integrity)), ("@sealed", sealedAlert));
        await FactsAsync(connection, transaction, cancellationToken, f => f.RecordAsync(FactKinds.Alert, cancellationToken, id));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<Alert?> FindAlertAsync(long id, CancellationToken cancellationToken = default) =>
        (await QueryAlertsAsync(cancellationToken, $"SELECT {AlertColumns} FROM alerts WHERE id = @id;", ("@id", id))).FirstOrDefault();

    public async Task<IReadOnlyList<Alert>> AlertsAsync(PatientId? patientId = null, bool activeOnly = false, int limit = 500, CancellationToken cancellationToken = default)
    {
        var where = new Filter();
        where.Add("patient_id = @p", "@p", patientId?.Value);
        if (activeOnly)
        {
            where.Add($"status < {Closed}");
        }

        return await QueryAlertsAsync(cancellationToken, $"SELECT {AlertColumns} FROM alerts {where} ORDER BY id DESC LIMIT @limit;", [.. where.Parameters, ("@limit", limit)]);
    }

    public async Task<bool> ActAsync(long id, AlertStatus from, AlertStatus to, AlertActionRecord action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);

        // The alert's data key exists (the alert is sealed with it): opening it only reads.
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var patient = (await Sql.QueryAsync(connection, transaction, "SELECT patient_id FROM alerts WHERE id = @id;", r => r.GetString(0), cancellationToken, ("@id", id))).SingleOrDefault();
        var at = Sql.Ms(action.At);
        if (patient is null || await Sql.ExecuteAsync(
                connection, transaction, "UPDATE alerts SET status = @to, updated_at = @at WHERE id = @id AND status = @from;", cancellationToken,
                ("@id", id), ("@from", (int)from), ("@to", (int)to), ("@at", at)) == 0)
        {
            return false;
        }

        var actionId = await Sql.ScalarLongAsync(
            connection, transaction, "INSERT INTO alert_actions (alert_id, at, action, actor, sealed_note) VALUES (@id, @at, @action, @actor, @note) RETURNING id;", cancellationToken,
            ("@id", id), ("@at", at), ("@action", action.Action), ("@actor", action.Actor),
            ("@note", cipher.Seal(patient, SealedFields.AlertNote(id, at, action.Action), action.Note)));
        await FactsAsync(connection, transaction, cancellationToken, async f =>
        {
            await f.RecordAsync(FactKinds.Alert, cancellationToken, id);
            await f.RecordAsync(FactKinds.AlertAction, cancellationToken, actionId);
        });
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<AlertActionRecord>> ActionsAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.QueryAsync(
            connection, null,
            "SELECT a.at, a.action, a.actor, a.sealed_note, l.patient_id FROM alert_actions a JOIN alerts l ON l.id = a.alert_id WHERE a.alert_id = @id ORDER BY a.id;",
            r => new AlertActionRecord(id, r.Time(0), r.GetString(1), r.GetString(2), cipher.OpenText(r.GetString(4), SealedFields.AlertNote(id, r.Long(0), r.GetString(1)), r.Bytes(3))), cancellationToken,
            ("@id", id));
    }

    public async Task<long> AddCalibrationAsync(Calibration calibration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var at = Sql.Ms(calibration.At);
        var entered = Sql.Ms(calibration.EnteredAt);
        var values = JsonSerializer.SerializeToUtf8Bytes(new SealedCalibration(calibration.Value, calibration.DeviceValue), SealedJson.Default.SealedCalibration);
        var sealedValues = cipher.Seal(calibration.PatientId.Value, SealedFields.Calibration(calibration.PatientId.Value, at, entered), values);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await Sql.ScalarLongAsync(
            connection, transaction,
            "INSERT INTO calibrations (patient_id, at, entered_at, device_id, source, sealed) VALUES (@p, @at, @entered, @d, @source, @sealed) RETURNING id;", cancellationToken,
            ("@p", calibration.PatientId.Value), ("@at", at), ("@entered", entered), ("@d", calibration.DeviceId?.Value), ("@source", calibration.Source),
            ("@sealed", sealedValues));
        await FactsAsync(connection, transaction, cancellationToken, f => f.RecordAsync(FactKinds.Calibration, cancellationToken, id));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<IReadOnlyList<Calibration>> CalibrationsAsync(PatientId? patientId = null, DeviceId? deviceId = null, string? model = null, string? lot = null, CancellationToken cancellationToken = default)
    {
        var where = new Filter();
        where.Add("c.patient_id = @p", "@p", patientId?.Value);
        where.Add("c.device_id = @d", "@d", deviceId?.Value);
        where.Add("d.model = @m", "@m", model);
        where.Add("d.lot = @l", "@l", lot);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.QueryAsync(
            connection, null,
            $"""
            SELECT c.id, c.patient_id, c.at, c.entered_at, c.device_id, c.source, c.sealed
            FROM calibrations c LEFT JOIN devices d ON d.id = c.device_id {where} ORDER BY c.at;
            """,
            r =>
            {
                var patient = r.GetString(1);
                var context = SealedFields.Calibration(patient, r.Long(2), r.Long(3));
                var values = JsonSerializer.Deserialize(cipher.Open(patient, context, r.Bytes(6)), SealedJson.Default.SealedCalibration)
                    ?? throw new RecordIntegrityException(context, "it is empty");
                return new Calibration(
                    r.Long(0), PatientId.Parse(patient), r.Time(2), values.Value, r.GetString(5), r.Time(3), r.TextOrNull(4) is { } d ? DeviceId.Parse(d) : null, values.DeviceValue);
            }, cancellationToken,
            [.. where.Parameters]);
    }

    public async Task<ClinicalThresholds> ThresholdsAsync(PatientId patient, CancellationToken cancellationToken = default)
    {
        var patientId = patient.Value;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, "SELECT sealed FROM patient_thresholds WHERE patient_id = @p;", ("@p", patientId));
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] sealedThresholds
            ? JsonSerializer.Deserialize<ClinicalThresholds>(cipher.Open(patientId, SealedFields.Thresholds(patientId), sealedThresholds)) ?? ClinicalThresholds.Default
            : ClinicalThresholds.Default;
    }

    public async Task SetThresholdsAsync(PatientId patient, ClinicalThresholds thresholds, CancellationToken cancellationToken = default)
    {
        var patientId = patient.Value;
        var sealedThresholds = cipher.Seal(patientId, SealedFields.Thresholds(patientId), JsonSerializer.SerializeToUtf8Bytes(thresholds));
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Sql.ExecuteAsync(
            connection, transaction,
            "INSERT INTO patient_thresholds (patient_id, sealed) VALUES (@p, @t) ON CONFLICT (patient_id) DO UPDATE SET sealed = excluded.sealed;", cancellationToken,
            ("@p", patientId), ("@t", sealedThresholds));
        await FactsAsync(connection, transaction, cancellationToken, f => f.RecordAsync(FactKinds.Thresholds, cancellationToken, patientId));
        await transaction.CommitAsync(cancellationToken);
    }

    // Each change of an alert, action, reference value or threshold is a ledger entry, in its transaction.
    private async Task FactsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken, Func<FactRecorder, Task> record)
    {
        using var facts = await FactRecorder.OpenAsync(connection, transaction, database, cancellationToken);
        await record(facts);
        await facts.SaveAsync(cancellationToken);
    }

    private byte[] SealAlert(string patientId, long id, SealedAlert alert) =>
        cipher.Seal(patientId, SealedFields.Alert(id), JsonSerializer.SerializeToUtf8Bytes(alert, SealedJson.Default.SealedAlert));

    private async Task<List<Alert>> QueryAlertsAsync(CancellationToken cancellationToken, string sql, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.QueryAsync(connection, null, sql, ReadAlert, cancellationToken, parameters);
    }

    private Alert ReadAlert(DbDataReader r)
    {
        var id = r.Long(0);
        var patient = r.GetString(1);
        var context = SealedFields.Alert(id);
        var sealedAlert = JsonSerializer.Deserialize(cipher.Open(patient, context, r.Bytes(10)), SealedJson.Default.SealedAlert)
            ?? throw new RecordIntegrityException(context, "it is empty");
        return new Alert(
            id, PatientId.Parse(patient), sealedAlert.Rule, r.TextOrNull(2) is { } d ? DeviceId.Parse(d) : null, r.Time(3), r.Time(4), sealedAlert.Value, sealedAlert.Detail,
            (VerdictStatus)r.Int(6), sealedAlert.Reasons, (AlertStatus)r.Int(5), r.Time(7), r.Int(8), r.Time(9));
    }
}

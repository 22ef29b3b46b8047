using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vigil.Domain.Clinical;
using Vigil.Domain.Devices;
using Vigil.Domain.Verification;
using Vigil.Record.Clinical;

namespace Vigil.Record.Sqlite;

/// <summary>Alerts, their actions, reference measurements and thresholds in SQLite.</summary>
internal sealed class SqliteClinicalStore(SqliteConnections connections) : IClinicalStore
{
    private const string AlertColumns =
        "id, patient_id, rule, device_id, raised_at, reading_at, value, detail, integrity, reasons, status, updated_at, occurrences, last_reading_at";

    public AlertRecord? OpenAlert(string patientId, string rule) =>
        QueryAlerts($"SELECT {AlertColumns} FROM alerts WHERE patient_id = $p AND rule = $r AND status < 3 ORDER BY id DESC LIMIT 1;", ("$p", patientId), ("$r", rule))
            .FirstOrDefault();

    public long RaiseAlert(AlertRecord alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection,
            $"""
            INSERT INTO alerts ({AlertColumns[4..]})
            VALUES ($p, $rule, $d, $raised, $readingAt, $v, $detail, $integrity, $reasons, $status, $raised, 1, $readingAt) RETURNING id;
            """,
            ("$p", alert.PatientId), ("$rule", alert.Rule), ("$d", alert.DeviceId?.Value), ("$raised", alert.RaisedAt.ToUnixTimeMilliseconds()),
            ("$readingAt", alert.ReadingAt.ToUnixTimeMilliseconds()), ("$v", alert.Value), ("$detail", alert.Detail), ("$integrity", (int)alert.Integrity),
            ("$reasons", string.Join(',', alert.Reasons)), ("$status", (int)alert.Status));
        return (long)command.ExecuteScalar()!;
    }

    public void AddOccurrence(long id, DateTimeOffset readingAt, double value, VerdictStatus integrity, IReadOnlyList<string> reasons, DateTimeOffset at)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection,
            """
            UPDATE alerts SET occurrences = occurrences + 1, last_reading_at = max(last_reading_at, $readingAt), updated_at = $at,
                reasons = CASE WHEN $integrity > integrity THEN $reasons ELSE reasons END,
                integrity = max(integrity, $integrity)
            WHERE id = $id;
            """,
            ("$id", id), ("$readingAt", readingAt.ToUnixTimeMilliseconds()), ("$at", at.ToUnixTimeMilliseconds()),
            ("$integrity", (int)integrity), ("$reasons", string.Join(',', reasons)));
        command.ExecuteNonQuery();
    }

    public AlertRecord? FindAlert(long id) => QueryAlerts($"SELECT {AlertColumns} FROM alerts WHERE id = $id;", ("$id", id)).FirstOrDefault();

    public IReadOnlyList<AlertRecord> Alerts(string? patientId = null, bool activeOnly = false, int limit = 500) =>
        QueryAlerts(
            $"SELECT {AlertColumns} FROM alerts WHERE ($p IS NULL OR patient_id = $p) AND ($active = 0 OR status < 3) ORDER BY id DESC LIMIT $limit;",
            ("$p", patientId), ("$active", activeOnly ? 1 : 0), ("$limit", limit));

    public bool Act(long id, AlertStatus from, AlertStatus to, AlertActionRecord action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var connection = connections.Open();
        using var transaction = connection.BeginTransaction();
        using var update = SqliteConnections.Command(
            connection, "UPDATE alerts SET status = $to, updated_at = $at WHERE id = $id AND status = $from;",
            ("$id", id), ("$from", (int)from), ("$to", (int)to), ("$at", action.At.ToUnixTimeMilliseconds()));
        update.Transaction = transaction;
        if (update.ExecuteNonQuery() == 0)
        {
            return false;
        }

        using var insert = SqliteConnections.Command(
            connection, "INSERT INTO alert_actions (alert_id, at, action, actor, note) VALUES ($id, $at, $action, $actor, $note);",
            ("$id", id), ("$at", action.At.ToUnixTimeMilliseconds()), ("$action", action.Action), ("$actor", action.Actor), ("$note", action.Note));
        insert.Transaction = transaction;
        insert.ExecuteNonQuery();
        transaction.Commit();
        return true;
    }

    public IReadOnlyList<AlertActionRecord> Actions(long id)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(connection, "SELECT at, action, actor, note FROM alert_actions WHERE alert_id = $id ORDER BY rowid;", ("$id", id));
        using var reader = command.ExecuteReader();
        var actions = new List<AlertActionRecord>();
        while (reader.Read())
        {
            actions.Add(new AlertActionRecord(id, Ms(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return actions;
    }

    public long AddCalibration(Calibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection,
            """
            INSERT INTO calibrations (patient_id, at, value, source, entered_at, device_id, device_value)
            VALUES ($p, $at, $v, $source, $entered, $d, $dv) RETURNING id;
            """,
            ("$p", calibration.PatientId), ("$at", calibration.At.ToUnixTimeMilliseconds()), ("$v", calibration.Value), ("$source", calibration.Source),
            ("$entered", calibration.EnteredAt.ToUnixTimeMilliseconds()), ("$d", calibration.DeviceId?.Value), ("$dv", calibration.DeviceValue));
        return (long)command.ExecuteScalar()!;
    }

    public IReadOnlyList<Calibration> Calibrations(string? patientId = null, DeviceId? deviceId = null, string? model = null, string? lot = null)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection,
            """
            SELECT c.id, c.patient_id, c.at, c.value, c.source, c.entered_at, c.device_id, c.device_value
            FROM calibrations c LEFT JOIN devices d ON d.id = c.device_id
            WHERE ($p IS NULL OR c.patient_id = $p) AND ($d IS NULL OR c.device_id = $d)
              AND ($m IS NULL OR d.model = $m) AND ($l IS NULL OR d.lot = $l)
            ORDER BY c.at;
            """,
            ("$p", patientId), ("$d", deviceId?.Value), ("$m", model), ("$l", lot));
        using var reader = command.ExecuteReader();
        var calibrations = new List<Calibration>();
        while (reader.Read())
        {
            calibrations.Add(new Calibration(
                reader.GetInt64(0), reader.GetString(1), Ms(reader.GetInt64(2)), reader.GetDouble(3), reader.GetString(4), Ms(reader.GetInt64(5)),
                reader.IsDBNull(6) ? null : DeviceId.Parse(reader.GetString(6)), reader.IsDBNull(7) ? null : reader.GetDouble(7)));
        }

        return calibrations;
    }

    public ClinicalThresholds Thresholds(string patientId)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(connection, "SELECT thresholds FROM patient_thresholds WHERE patient_id = $p;", ("$p", patientId));
        return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize<ClinicalThresholds>(json) ?? ClinicalThresholds.Default : ClinicalThresholds.Default;
    }

    public void SetThresholds(string patientId, ClinicalThresholds thresholds)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection,
            "INSERT INTO patient_thresholds (patient_id, thresholds) VALUES ($p, $t) ON CONFLICT (patient_id) DO UPDATE SET thresholds = excluded.thresholds;",
            ("$p", patientId), ("$t", JsonSerializer.Serialize(thresholds)));
        command.ExecuteNonQuery();
    }

    private List<AlertRecord> QueryAlerts(string sql, params (string, object?)[] parameters)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var alerts = new List<AlertRecord>();
        while (reader.Read())
        {
            alerts.Add(Read(reader));
        }

        return alerts;
    }

    private static AlertRecord Read(SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : DeviceId.Parse(reader.GetString(3)),
        Ms(reader.GetInt64(4)), Ms(reader.GetInt64(5)), reader.GetDouble(6), reader.GetString(7), (VerdictStatus)reader.GetInt32(8),
        reader.GetString(9).Split(',', StringSplitOptions.RemoveEmptyEntries), (AlertStatus)reader.GetInt32(10), Ms(reader.GetInt64(11)),
        reader.GetInt32(12), Ms(reader.GetInt64(13)));

    private static DateTimeOffset Ms(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}

using Microsoft.Data.Sqlite;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Record.Readings;

namespace Vigil.Record.Sqlite;

/// <summary>Readings and verdict revisions in SQLite.</summary>
internal sealed class SqliteReadingStore(SqliteConnections connections) : IReadingStore
{
    private const string Columns =
        "device_id, sequence, idx, patient_id, kind, at, received_at, v0, v1, v2, unit, flags, code, status, reasons, verdict_version, verdict_cause";

    public IReadOnlyList<StoredReading> Query(ReadingQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection,
            $"""
            SELECT {Columns} FROM readings
            WHERE ($patient IS NULL OR patient_id = $patient) AND ($device IS NULL OR device_id = $device)
              AND ($kind IS NULL OR kind = $kind) AND ($status IS NULL OR status = $status)
              AND ($from IS NULL OR at >= $from) AND ($to IS NULL OR at < $to)
            ORDER BY at DESC, device_id, sequence, idx LIMIT $limit;
            """,
            ("$patient", query.PatientId), ("$device", query.DeviceId?.Value), ("$kind", (int?)query.Kind), ("$status", (int?)query.Status),
            ("$from", query.From?.ToUnixTimeMilliseconds()), ("$to", query.To?.ToUnixTimeMilliseconds()), ("$limit", query.Limit));
        using var reader = command.ExecuteReader();
        var readings = new List<StoredReading>();
        while (reader.Read())
        {
            readings.Add(Read(reader));
        }

        return readings;
    }

    public int AddReason(DeviceId device, DateTimeOffset since, string reason, string cause, DateTimeOffset at)
    {
        using var connection = connections.Open();
        using var transaction = connection.BeginTransaction();
        var revisions = new List<(ReadingKey, Verdict)>();
        using (var select = SqliteConnections.Command(
            connection, "SELECT sequence, idx, reasons FROM readings WHERE device_id = $d AND at >= $since;", ("$d", device.Value), ("$since", since.ToUnixTimeMilliseconds())))
        {
            select.Transaction = transaction;
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var verdict = Verdict.Parse(reader.GetString(2));
                if (!verdict.Reasons.Contains(reason))
                {
                    revisions.Add((new ReadingKey(device, unchecked((ulong)reader.GetInt64(0)), reader.GetInt32(1)), verdict.With([reason])));
                }
            }
        }

        var changed = Apply(connection, transaction, revisions, cause, at);
        transaction.Commit();
        return changed;
    }

    public int Revise(IReadOnlyList<(ReadingKey Key, Verdict Verdict)> revisions, string cause, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        using var connection = connections.Open();
        using var transaction = connection.BeginTransaction();
        var changed = Apply(connection, transaction, revisions, cause, at);
        transaction.Commit();
        return changed;
    }

    public IReadOnlyList<VerdictEntry> History(ReadingKey key)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection,
            """
            SELECT version, reasons, rules_version, cause, decided_at FROM verdict_history WHERE device_id = $d AND sequence = $s AND idx = $i
            UNION ALL
            SELECT verdict_version, reasons, rules_version, verdict_cause, verdict_at FROM readings WHERE device_id = $d AND sequence = $s AND idx = $i
            ORDER BY 1;
            """,
            ("$d", key.DeviceId.Value), ("$s", unchecked((long)key.Sequence)), ("$i", key.Index));
        using var reader = command.ExecuteReader();
        var entries = new List<VerdictEntry>();
        while (reader.Read())
        {
            entries.Add(new VerdictEntry(
                reader.GetInt32(0), Verdict.Parse(reader.GetString(1)), reader.GetInt32(2), reader.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }

        return entries;
    }

    public IReadOnlyDictionary<VerdictStatus, long> CountByStatus(DateTimeOffset? since = null)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection, "SELECT status, count(*) FROM readings WHERE $since IS NULL OR at >= $since GROUP BY status;", ("$since", since?.ToUnixTimeMilliseconds()));
        using var reader = command.ExecuteReader();
        var counts = Enum.GetValues<VerdictStatus>().ToDictionary(s => s, _ => 0L);
        while (reader.Read())
        {
            counts[(VerdictStatus)reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static int Apply(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<(ReadingKey Key, Verdict Verdict)> revisions, string cause, DateTimeOffset at)
    {
        using var archive = SqliteConnections.Command(
            connection,
            """
            INSERT INTO verdict_history (device_id, sequence, idx, version, status, reasons, rules_version, cause, decided_at)
            SELECT device_id, sequence, idx, verdict_version, status, reasons, rules_version, verdict_cause, verdict_at
            FROM readings WHERE device_id = $d AND sequence = $s AND idx = $i AND reasons <> $reasons;
            """,
            ("$d", null), ("$s", null), ("$i", null), ("$reasons", null));
        using var update = SqliteConnections.Command(
            connection,
            """
            UPDATE readings SET status = $status, reasons = $reasons, verdict_version = verdict_version + 1,
                rules_version = $rules, verdict_cause = $cause, verdict_at = $at
            WHERE device_id = $d AND sequence = $s AND idx = $i AND reasons <> $reasons;
            """,
            ("$d", null), ("$s", null), ("$i", null), ("$status", null), ("$reasons", null), ("$rules", VerificationRules.Version), ("$cause", cause), ("$at", at.ToUnixTimeMilliseconds()));
        archive.Transaction = transaction;
        update.Transaction = transaction;
        var changed = 0;
        foreach (var (key, verdict) in revisions)
        {
            foreach (var command in new[] { archive, update })
            {
                command.Parameters["$d"].Value = key.DeviceId.Value;
                command.Parameters["$s"].Value = unchecked((long)key.Sequence);
                command.Parameters["$i"].Value = key.Index;
                command.Parameters["$reasons"].Value = verdict.ToString();
            }

            update.Parameters["$status"].Value = (int)verdict.Status;
            archive.ExecuteNonQuery();
            changed += update.ExecuteNonQuery();
        }

        return changed;
    }

    private static StoredReading Read(SqliteDataReader reader)
    {
        var values = new List<double>(3);
        for (var v = 7; v <= 9 && !reader.IsDBNull(v); v++)
        {
            values.Add(reader.GetDouble(v));
        }

        return new StoredReading(
            DeviceId.Parse(reader.GetString(0)), unchecked((ulong)reader.GetInt64(1)), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            (MeasurementKind)reader.GetInt32(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
            values, reader.GetString(10), (ReadingFlags)reader.GetInt32(11), reader.IsDBNull(12) ? null : reader.GetString(12),
            Verdict.Parse(reader.GetString(14)), reader.GetInt32(15), reader.GetString(16));
    }
}

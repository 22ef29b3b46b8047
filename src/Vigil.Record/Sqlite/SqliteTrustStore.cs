using Vigil.Domain.Devices;
using Vigil.Record.Trust;

namespace Vigil.Record.Sqlite;

/// <summary>Device flags, known-good firmware, incidents and recalls in SQLite.</summary>
internal sealed class SqliteTrustStore(SqliteConnections connections) : ITrustStore
{
    public void SetFlag(DeviceFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ChangeRegistry(
            """
            INSERT INTO device_flags (device_id, flag, since, reference, set_at) VALUES ($d, $f, $since, $ref, $at)
            ON CONFLICT (device_id, flag) DO UPDATE SET since = min(since, excluded.since), reference = excluded.reference, set_at = excluded.set_at;
            """,
            ("$d", flag.DeviceId.Value), ("$f", flag.Flag), ("$since", flag.Since.ToUnixTimeMilliseconds()), ("$ref", flag.Reference), ("$at", flag.SetAt.ToUnixTimeMilliseconds()));
    }

    public bool ClearFlag(DeviceId device, string flag) =>
        ChangeRegistry("DELETE FROM device_flags WHERE device_id = $d AND flag = $f;", ("$d", device.Value), ("$f", flag)) > 0;

    public IReadOnlyList<DeviceFlag> Flags(DeviceId? device = null)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection, "SELECT device_id, flag, since, reference, set_at FROM device_flags WHERE $d IS NULL OR device_id = $d ORDER BY device_id, flag;", ("$d", device?.Value));
        using var reader = command.ExecuteReader();
        var flags = new List<DeviceFlag>();
        while (reader.Read())
        {
            flags.Add(new DeviceFlag(DeviceId.Parse(reader.GetString(0)), reader.GetString(1), Ms(reader.GetInt64(2)), reader.GetString(3), Ms(reader.GetInt64(4))));
        }

        return flags;
    }

    public void AllowFirmware(FirmwareEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ChangeRegistry(
            "INSERT INTO firmware_allowlist (model, digest, version, added_at) VALUES ($m, $d, $v, $at) ON CONFLICT DO NOTHING;",
            ("$m", entry.Model), ("$d", entry.Digest), ("$v", entry.Version), ("$at", entry.AddedAt.ToUnixTimeMilliseconds()));
    }

    public IReadOnlyList<FirmwareEntry> Firmware()
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(connection, "SELECT model, digest, version, added_at FROM firmware_allowlist ORDER BY model, added_at;");
        using var reader = command.ExecuteReader();
        var entries = new List<FirmwareEntry>();
        while (reader.Read())
        {
            entries.Add(new FirmwareEntry(reader.GetString(0), (byte[])reader.GetValue(1), reader.GetString(2), Ms(reader.GetInt64(3))));
        }

        return entries;
    }

    public long OpenIncident(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection,
            "INSERT INTO incidents (kind, device_id, opened_at, since, detail, status, subject) VALUES ($k, $d, $at, $since, $detail, $status, $subject) RETURNING id;",
            ("$k", incident.Kind), ("$d", incident.DeviceId?.Value), ("$at", incident.OpenedAt.ToUnixTimeMilliseconds()),
            ("$since", incident.Since.ToUnixTimeMilliseconds()), ("$detail", incident.Detail), ("$status", incident.Status), ("$subject", incident.Subject));
        return (long)command.ExecuteScalar()!;
    }

    public IReadOnlyList<Incident> Incidents(DeviceId? device = null, int limit = 200)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection,
            "SELECT id, kind, device_id, opened_at, since, detail, status, subject FROM incidents WHERE $d IS NULL OR device_id = $d ORDER BY id DESC LIMIT $limit;",
            ("$d", device?.Value), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var incidents = new List<Incident>();
        while (reader.Read())
        {
            incidents.Add(new Incident(
                reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : DeviceId.Parse(reader.GetString(2)),
                Ms(reader.GetInt64(3)), Ms(reader.GetInt64(4)), reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return incidents;
    }

    public long AddRecall(Recall recall)
    {
        ArgumentNullException.ThrowIfNull(recall);
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection,
            """
            INSERT INTO recalls (model, lots, serials, firmware, since, reason, created_at, devices, readings)
            VALUES ($m, $l, $s, $f, $since, $reason, $at, 0, 0) RETURNING id;
            """,
            ("$m", recall.Model), ("$l", Join(recall.Lots)), ("$s", Join(recall.Serials)), ("$f", Join(recall.Firmware)),
            ("$since", recall.Since.ToUnixTimeMilliseconds()), ("$reason", recall.Reason), ("$at", recall.CreatedAt.ToUnixTimeMilliseconds()));
        return (long)command.ExecuteScalar()!;
    }

    public void CompleteRecall(long id, int devices, int readings)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection, "UPDATE recalls SET devices = $d, readings = $r WHERE id = $id;", ("$d", devices), ("$r", readings), ("$id", id));
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<Recall> Recalls()
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection, "SELECT id, model, lots, serials, firmware, since, reason, created_at, devices, readings FROM recalls ORDER BY id DESC;");
        using var reader = command.ExecuteReader();
        var recalls = new List<Recall>();
        while (reader.Read())
        {
            recalls.Add(new Recall(
                reader.GetInt64(0), reader.GetString(1), Split(reader.GetString(2)), Split(reader.GetString(3)), Split(reader.GetString(4)),
                Ms(reader.GetInt64(5)), reader.GetString(6), Ms(reader.GetInt64(7)), reader.GetInt32(8), reader.GetInt32(9)));
        }

        return recalls;
    }

    private int ChangeRegistry(string sql, params (string, object?)[] parameters)
    {
        using var connection = connections.Open();
        using var transaction = connection.BeginTransaction();
        using var command = SqliteConnections.Command(connection, sql, parameters);
        command.Transaction = transaction;
        var changed = command.ExecuteNonQuery();
        using var bump = SqliteConnections.Command(connection, "UPDATE registry_version SET value = value + 1 WHERE id = 1;");
        bump.Transaction = transaction;
        bump.ExecuteNonQuery();
        transaction.Commit();
        return changed;
    }

    private static string Join(IReadOnlyList<string> items) => string.Join('\n', items);

    private static string[] Split(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static DateTimeOffset Ms(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}

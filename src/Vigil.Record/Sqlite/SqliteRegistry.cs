using Microsoft.Data.Sqlite;
using Vigil.Domain.Devices;
using Vigil.Record.Registry;

namespace Vigil.Record.Sqlite;

/// <summary>The registry in SQLite. Every change bumps <c>registry_version</c> in the same transaction.</summary>
internal sealed class SqliteRegistry(SqliteConnections connections) : IRegistry
{
    private const string DeviceColumns =
        "id, kid, certificate, model, lot, serial, firmware, status, patient_id, enrolled_at, status_reason";

    public long Version()
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(connection, "SELECT value FROM registry_version WHERE id = 1;");
        return (long)command.ExecuteScalar()!;
    }

    private const string EnrollSql = """
        INSERT INTO devices (id, kid, certificate, model, lot, serial, firmware, status, enrolled_at)
        VALUES ($id, $kid, $cert, $model, $lot, $serial, $firmware, $status, $at) ON CONFLICT DO NOTHING;
        """;

    public bool EnrollDevice(DeviceRecord device) => Change(
        EnrollSql,
        ("$id", device.Id.Value), ("$kid", device.KeyIdHex), ("$cert", device.Certificate), ("$model", device.Model),
        ("$lot", device.Lot), ("$serial", device.Serial), ("$firmware", device.Firmware), ("$status", (int)device.Status),
        ("$at", device.EnrolledAt.ToUnixTimeMilliseconds()));

    public int EnrollDevices(IEnumerable<DeviceRecord> devices)
    {
        using var connection = connections.Open();
        using var transaction = connection.BeginTransaction();
        using var command = SqliteConnections.Command(connection, EnrollSql, ("$id", null), ("$kid", null), ("$cert", null), ("$model", null),
            ("$lot", null), ("$serial", null), ("$firmware", null), ("$status", null), ("$at", null));
        command.Transaction = transaction;
        var added = 0;
        foreach (var d in devices)
        {
            object?[] values = [d.Id.Value, d.KeyIdHex, d.Certificate, d.Model, d.Lot, d.Serial, d.Firmware, (int)d.Status, d.EnrolledAt.ToUnixTimeMilliseconds()];
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i];
            }

            added += command.ExecuteNonQuery();
        }

        using var bump = SqliteConnections.Command(connection, "UPDATE registry_version SET value = value + 1 WHERE id = 1;");
        bump.Transaction = transaction;
        bump.ExecuteNonQuery();
        transaction.Commit();
        return added;
    }

    public DeviceRecord? FindDevice(DeviceId id) => QueryDevices($"SELECT {DeviceColumns} FROM devices WHERE id = $v;", id.Value).SingleOrDefault();

    public DeviceRecord? FindDeviceByKeyId(string keyIdHex) => QueryDevices($"SELECT {DeviceColumns} FROM devices WHERE kid = $v;", keyIdHex).SingleOrDefault();

    public IReadOnlyList<DeviceRecord> ListDevices() => QueryDevices($"SELECT {DeviceColumns} FROM devices ORDER BY id;", null);

    public bool SetDeviceStatus(DeviceId id, DeviceStatus status, string reason, DateTimeOffset at) => Change(
        $"UPDATE devices SET status = $status, status_reason = $reason, status_changed_at = $at WHERE id = $id AND status <> {(int)DeviceStatus.Revoked};",
        ("$id", id.Value), ("$status", (int)status), ("$reason", reason), ("$at", at.ToUnixTimeMilliseconds()));

    public bool AddPatient(string id, string displayName, DateTimeOffset at) => Change(
        "INSERT INTO patients (id, display_name, added_at) VALUES ($id, $name, $at) ON CONFLICT DO NOTHING;",
        ("$id", id), ("$name", displayName), ("$at", at.ToUnixTimeMilliseconds()));

    public IReadOnlyList<PatientRecord> ListPatients()
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection,
            "SELECT p.id, p.display_name, p.added_at, group_concat(d.id) FROM patients p LEFT JOIN devices d ON d.patient_id = p.id GROUP BY p.id ORDER BY p.id;");
        using var reader = command.ExecuteReader();
        var patients = new List<PatientRecord>();
        while (reader.Read())
        {
            patients.Add(new PatientRecord(reader.GetString(0), reader.GetString(1), FromMs(reader.GetInt64(2)), SplitList(reader, 3)));
        }

        return patients;
    }

    public bool BindDeviceToPatient(DeviceId device, string patientId) => Change(
        "UPDATE devices SET patient_id = $patient WHERE id = $id AND EXISTS (SELECT 1 FROM patients WHERE id = $patient);",
        ("$id", device.Value), ("$patient", patientId));

    public bool AddRelay(string id, string keyIdHex, byte[] certificate, DateTimeOffset at) => Change(
        "INSERT INTO relays (id, kid, certificate, added_at) VALUES ($id, $kid, $cert, $at) ON CONFLICT DO NOTHING;",
        ("$id", id), ("$kid", keyIdHex), ("$cert", certificate), ("$at", at.ToUnixTimeMilliseconds()));

    public RelayRecord? FindRelay(string id) => QueryRelays("WHERE r.id = $v", id).SingleOrDefault();

    public IReadOnlyList<RelayRecord> ListRelays() => QueryRelays(string.Empty, null);

    public bool BindDeviceToRelay(DeviceId device, string relayId) => Change(
        """
        INSERT INTO device_relays (device_id, relay_id)
        SELECT $device, $relay WHERE EXISTS (SELECT 1 FROM devices WHERE id = $device) AND EXISTS (SELECT 1 FROM relays WHERE id = $relay)
        ON CONFLICT DO NOTHING;
        """,
        ("$device", device.Value), ("$relay", relayId));

    private bool Change(string sql, params (string, object?)[] parameters)
    {
        using var connection = connections.Open();
        using var transaction = connection.BeginTransaction();
        using var command = SqliteConnections.Command(connection, sql, parameters);
        command.Transaction = transaction;
        var changed = command.ExecuteNonQuery() > 0;
        if (changed)
        {
            using var bump = SqliteConnections.Command(connection, "UPDATE registry_version SET value = value + 1 WHERE id = 1;");
            bump.Transaction = transaction;
            bump.ExecuteNonQuery();
        }

        transaction.Commit();
        return changed;
    }

    private List<DeviceRecord> QueryDevices(string sql, string? value)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(connection, sql, ("$v", value));
        using var reader = command.ExecuteReader();
        var devices = new List<DeviceRecord>();
        while (reader.Read())
        {
            devices.Add(new DeviceRecord(
                DeviceId.Parse(reader.GetString(0)),
                reader.GetString(1),
                (byte[])reader.GetValue(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                (DeviceStatus)reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                FromMs(reader.GetInt64(9)),
                reader.IsDBNull(10) ? null : reader.GetString(10)));
        }

        return devices;
    }

    private List<RelayRecord> QueryRelays(string where, string? value)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection,
            $"SELECT r.id, r.kid, r.certificate, r.added_at, group_concat(dr.device_id) FROM relays r LEFT JOIN device_relays dr ON dr.relay_id = r.id {where} GROUP BY r.id ORDER BY r.id;",
            ("$v", value));
        using var reader = command.ExecuteReader();
        var relays = new List<RelayRecord>();
        while (reader.Read())
        {
            relays.Add(new RelayRecord(reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(2), FromMs(reader.GetInt64(3)), SplitList(reader, 4)));
        }

        return relays;
    }

    private static string[] SplitList(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : [.. reader.GetString(ordinal).Split(',').Order(StringComparer.Ordinal)];

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}

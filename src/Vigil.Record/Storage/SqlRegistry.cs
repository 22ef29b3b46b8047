using System.Data.Common;
using System.Text.Json;
using Vigil.Domain.Devices;
using Vigil.Record.Encryption;
using Vigil.Record.Ledger;
using Vigil.Record.Registry;

namespace Vigil.Record.Storage;

/// <summary>
/// The registry. Every change bumps <c>registry_version</c> in the same transaction. Patients'
/// names and hospital identifiers are sealed under their own data key; their ids are opaque
/// pseudonyms and stay in clear, since everything is found by them.
/// </summary>
internal sealed class SqlRegistry(RecordDatabase database, RecordCipher cipher) : IRegistry
{
    private const string DeviceColumns =
        "id, kid, certificate, model, lot, serial, firmware, status, patient_id, enrolled_at, status_reason";

    private const string EnrollSql = """
        INSERT INTO devices (id, kid, certificate, model, lot, serial, firmware, status, enrolled_at)
        VALUES (@id, @kid, @cert, @model, @lot, @serial, @firmware, @status, @at) ON CONFLICT DO NOTHING;
        """;

    private const string PatientSql = """
        SELECT p.id, p.sealed_identity, p.added_at, p.glucose_unit, string_agg(d.id, ',') FROM patients p LEFT JOIN devices d ON d.patient_id = p.id
        """;

    public long Version()
    {
        using var connection = database.Open();
        return Sql.ScalarLong(connection, null, "SELECT value FROM registry_version WHERE id = 1;");
    }

    public bool EnrollDevice(DeviceRecord device) => EnrollDevices([device]) > 0;

    public int EnrollDevices(IEnumerable<DeviceRecord> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = Sql.Command(connection, transaction, EnrollSql, ("@id", null), ("@kid", null), ("@cert", null), ("@model", null),
            ("@lot", null), ("@serial", null), ("@firmware", null), ("@status", null), ("@at", null));
        var added = 0;
        using var facts = new FactRecorder(connection, transaction, database);
        foreach (var d in devices)
        {
            Sql.Set(command, d.Id.Value, d.KeyIdHex, d.Certificate, d.Model, d.Lot, d.Serial, d.Firmware, (int)d.Status, Sql.Ms(d.EnrolledAt));
            if (command.ExecuteNonQuery() > 0)
            {
                added++;
                facts.Record(FactKinds.Device, d.Id.Value);
            }
        }

        facts.Save();
        Bump(connection, transaction);
        transaction.Commit();
        return added;
    }

    public DeviceRecord? FindDevice(DeviceId id) => QueryDevices($"SELECT {DeviceColumns} FROM devices WHERE id = @v;", id.Value).SingleOrDefault();

    public DeviceRecord? FindDeviceByKeyId(string keyIdHex) => QueryDevices($"SELECT {DeviceColumns} FROM devices WHERE kid = @v;", keyIdHex).SingleOrDefault();

    public IReadOnlyList<DeviceRecord> ListDevices() => QueryDevices($"SELECT {DeviceColumns} FROM devices ORDER BY id;", null);

    public bool SetDeviceStatus(DeviceId id, DeviceStatus status, string reason, DateTimeOffset at) => Change(
        FactKinds.Device, id.Value,
        $"UPDATE devices SET status = @status, status_reason = @reason, status_changed_at = @at WHERE id = @id AND status <> {(int)DeviceStatus.Revoked};",
        ("@id", id.Value), ("@status", (int)status), ("@reason", reason), ("@at", Sql.Ms(at)));

    public bool AddPatient(string id, string displayName, DateTimeOffset at, string? mrn = null) => Change(
        FactKinds.Patient, id,
        "INSERT INTO patients (id, sealed_identity, added_at) VALUES (@id, @identity, @at) ON CONFLICT DO NOTHING;",
        ("@id", id),
        ("@identity", cipher.Seal(id, SealedFields.PatientIdentity(id), JsonSerializer.SerializeToUtf8Bytes(new SealedIdentity(displayName, mrn), SealedJson.Default.SealedIdentity))),
        ("@at", Sql.Ms(at)));

    public IReadOnlyList<PatientRecord> ListPatients() => QueryPatients($"{PatientSql} GROUP BY p.id ORDER BY p.id;");

    public PatientRecord? FindPatient(string id) => QueryPatients($"{PatientSql} WHERE p.id = @v GROUP BY p.id;", ("@v", id)).SingleOrDefault();

    public bool SetGlucoseUnit(string patientId, string unit) => Change(
        FactKinds.Patient, patientId,
        "UPDATE patients SET glucose_unit = @unit WHERE id = @id;", ("@id", patientId), ("@unit", unit));

    public bool BindDeviceToPatient(DeviceId device, string patientId) => Change(
        FactKinds.Device, device.Value,
        "UPDATE devices SET patient_id = @patient WHERE id = @id AND EXISTS (SELECT 1 FROM patients WHERE id = @patient);",
        ("@id", device.Value), ("@patient", patientId));

    public bool AddRelay(string id, string keyIdHex, byte[] certificate, DateTimeOffset at) => Change(
        "INSERT INTO relays (id, kid, certificate, added_at) VALUES (@id, @kid, @cert, @at) ON CONFLICT DO NOTHING;",
        ("@id", id), ("@kid", keyIdHex), ("@cert", certificate), ("@at", Sql.Ms(at)));

    public RelayRecord? FindRelay(string id) => QueryRelays("WHERE r.id = @v", id).SingleOrDefault();

    public IReadOnlyList<RelayRecord> ListRelays() => QueryRelays(string.Empty, null);

    public bool BindDeviceToRelay(DeviceId device, string relayId) => Change(
        """
        INSERT INTO device_relays (device_id, relay_id)
        SELECT d.id, r.id FROM devices d, relays r WHERE d.id = @device AND r.id = @relay
        ON CONFLICT DO NOTHING;
        """,
        ("@device", device.Value), ("@relay", relayId));

    private bool Change(string sql, params (string, object?)[] parameters) => Change(null, null, sql, parameters);

    // A change of a device or patient is also a ledger entry of the row as it now stands.
    private bool Change(FactKind? kind, string? key, string sql, params (string, object?)[] parameters)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var changed = Sql.Execute(connection, transaction, sql, parameters) > 0;
        if (changed)
        {
            if (kind is not null)
            {
                using var facts = new FactRecorder(connection, transaction, database);
                facts.Record(kind, key);
                facts.Save();
            }

            Bump(connection, transaction);
        }

        transaction.Commit();
        return changed;
    }

    /// <summary>Marks the registry changed, in the transaction that changes it.</summary>
    internal static void Bump(DbConnection connection, DbTransaction transaction) =>
        Sql.Execute(connection, transaction, "UPDATE registry_version SET value = value + 1 WHERE id = 1;");

    private List<DeviceRecord> QueryDevices(string sql, string? value)
    {
        using var connection = database.Open();
        return Sql.Query(
            connection, null, sql,
            r => new DeviceRecord(
                DeviceId.Parse(r.GetString(0)), r.GetString(1), r.Bytes(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                (DeviceStatus)r.Int(7), r.TextOrNull(8), r.Time(9), r.TextOrNull(10)),
            ("@v", value));
    }

    private List<PatientRecord> QueryPatients(string sql, params (string, object?)[] parameters)
    {
        using var connection = database.Open();
        return Sql.Query(
            connection, null, sql,
            r =>
            {
                var id = r.GetString(0);
                var context = SealedFields.PatientIdentity(id);
                var identity = JsonSerializer.Deserialize(cipher.Open(id, context, r.Bytes(1)), SealedJson.Default.SealedIdentity)
                    ?? throw new RecordIntegrityException(context, "it is empty");
                return new PatientRecord(id, identity.Name, r.Time(2), SplitList(r, 4), r.GetString(3), identity.Mrn);
            },
            parameters);
    }

    private List<RelayRecord> QueryRelays(string where, string? value)
    {
        using var connection = database.Open();
        return Sql.Query(
            connection, null,
            $"SELECT r.id, r.kid, r.certificate, r.added_at, string_agg(dr.device_id, ',') FROM relays r LEFT JOIN device_relays dr ON dr.relay_id = r.id {where} GROUP BY r.id ORDER BY r.id;",
            r => new RelayRecord(r.GetString(0), r.GetString(1), r.Bytes(2), r.Time(3), SplitList(r, 4)),
            ("@v", value));
    }

    private static string[] SplitList(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : [.. reader.GetString(ordinal).Split(',').Order(StringComparer.Ordinal)];
}

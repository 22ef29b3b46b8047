using System.Data.Common;
using System.Text.Json;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Record.Changes;
using Vigil.Record.Encryption;
using Vigil.Record.Ledger;
using Vigil.Record.Registry;

namespace Vigil.Record.Storage;

/// <summary>
/// The registry. Every change bumps <c>registry_version</c> in the same transaction and is
/// announced through the record's change feed when it commits. Patients' names and hospital
/// identifiers are sealed under their own data key; their ids are opaque pseudonyms and stay in
/// clear, since everything is found by them.
/// </summary>
internal sealed class SqlRegistry(RecordDatabase database, RecordCipher cipher, RecordChangeFeed changes) : IRegistry
{
    // An enrolment of more devices than this is announced as a change of the whole registry.
    private const int MostNamedDevices = 64;

    private const string DeviceColumns =
        "id, kid, certificate, model, lot, serial, firmware, status, patient_id, enrolled_at, status_reason";

    private const string EnrollSql = """
        INSERT INTO devices (id, kid, certificate, model, lot, serial, firmware, status, enrolled_at)
        VALUES (@id, @kid, @cert, @model, @lot, @serial, @firmware, @status, @at) ON CONFLICT DO NOTHING;
        """;

    private const string PatientSql = """
        SELECT p.id, p.sealed_identity, p.added_at, p.glucose_unit, string_agg(d.id, ',') FROM patients p LEFT JOIN devices d ON d.patient_id = p.id
        """;

    public async Task<long> VersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.ScalarLongAsync(connection, null, "SELECT value FROM registry_version WHERE id = 1;", cancellationToken);
    }

    public async Task<bool> EnrollDeviceAsync(DeviceRecord device, CancellationToken cancellationToken = default) =>
        await EnrollDevicesAsync([device], cancellationToken) > 0;

    public async Task<int> EnrollDevicesAsync(IEnumerable<DeviceRecord> devices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devices);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = Sql.Command(connection, transaction, EnrollSql, ("@id", null), ("@kid", null), ("@cert", null), ("@model", null),
            ("@lot", null), ("@serial", null), ("@firmware", null), ("@status", null), ("@at", null));
        var added = new List<RecordChange>();
        using var facts = await FactRecorder.OpenAsync(connection, transaction, database, cancellationToken);
        foreach (var d in devices)
        {
            Sql.Set(command, d.Id.Value, d.KeyIdHex, d.Certificate, d.Model, d.Lot, d.Serial, d.Firmware, (int)d.Status, Sql.Ms(d.EnrolledAt));
            if (await command.ExecuteNonQueryAsync(cancellationToken) > 0)
            {
                added.Add(RecordChange.Device(d.Id));
                await facts.RecordAsync(FactKinds.Device, cancellationToken, d.Id.Value);
            }
        }

        await facts.SaveAsync(cancellationToken);
        await BumpAsync(connection, transaction, cancellationToken);
        await changes.CommitAsync(connection, transaction, added.Count > MostNamedDevices ? [RecordChange.Registry] : added, cancellationToken);
        return added.Count;
    }

    public async Task<DeviceRecord?> FindDeviceAsync(DeviceId id, CancellationToken cancellationToken = default) =>
        (await QueryDevicesAsync($"SELECT {DeviceColumns} FROM devices WHERE id = @v;", id.Value, cancellationToken)).SingleOrDefault();

    public async Task<DeviceRecord?> FindDeviceByKeyIdAsync(string keyIdHex, CancellationToken cancellationToken = default) =>
        (await QueryDevicesAsync($"SELECT {DeviceColumns} FROM devices WHERE kid = @v;", keyIdHex, cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<DeviceRecord>> ListDevicesAsync(CancellationToken cancellationToken = default) =>
        await QueryDevicesAsync($"SELECT {DeviceColumns} FROM devices ORDER BY id;", null, cancellationToken);

    public Task<bool> SetDeviceStatusAsync(DeviceId id, DeviceStatus status, string reason, DateTimeOffset at, CancellationToken cancellationToken = default) => ChangeAsync(
        cancellationToken, FactKinds.Device, id.Value, RecordChange.Device(id),
        $"UPDATE devices SET status = @status, status_reason = @reason, status_changed_at = @at WHERE id = @id AND status <> {(int)DeviceStatus.Revoked};",
        ("@id", id.Value), ("@status", (int)status), ("@reason", reason), ("@at", Sql.Ms(at)));

    public Task<bool> AddPatientAsync(PatientId id, string displayName, DateTimeOffset at, string? mrn = null, CancellationToken cancellationToken = default) => ChangeAsync(
        cancellationToken, FactKinds.Patient, id.Value, RecordChange.Of(RecordChangeKind.Patient, id.Value),
        "INSERT INTO patients (id, sealed_identity, added_at) VALUES (@id, @identity, @at) ON CONFLICT DO NOTHING;",
        ("@id", id.Value),
        ("@identity", cipher.Seal(id.Value, SealedFields.PatientIdentity(id.Value), JsonSerializer.SerializeToUtf8Bytes(new SealedIdentity(displayName, mrn), SealedJson.Default.SealedIdentity))),
        ("@at", Sql.Ms(at)));

    public async Task<IReadOnlyList<PatientRecord>> ListPatientsAsync(CancellationToken cancellationToken = default) =>
        await QueryPatientsAsync($"{PatientSql} GROUP BY p.id ORDER BY p.id;", cancellationToken);

    public async Task<PatientRecord?> FindPatientAsync(PatientId id, CancellationToken cancellationToken = default) =>
        (await QueryPatientsAsync($"{PatientSql} WHERE p.id = @v GROUP BY p.id;", cancellationToken, ("@v", id.Value))).SingleOrDefault();

    public Task<bool> SetGlucoseUnitAsync(PatientId patientId, string unit, CancellationToken cancellationToken = default) => ChangeAsync(
        cancellationToken, FactKinds.Patient, patientId.Value, RecordChange.Of(RecordChangeKind.Patient, patientId.Value),
        "UPDATE patients SET glucose_unit = @unit WHERE id = @id;", ("@id", patientId.Value), ("@unit", unit));

    public Task<bool> BindDeviceToPatientAsync(DeviceId device, PatientId patientId, CancellationToken cancellationToken = default) => ChangeAsync(
        cancellationToken, FactKinds.Device, device.Value, RecordChange.Device(device),
        "UPDATE devices SET patient_id = @patient WHERE id = @id AND EXISTS (SELECT 1 FROM patients WHERE id = @patient);",
        ("@id", device.Value), ("@patient", patientId.Value));

    public Task<bool> AddRelayAsync(RelayId id, string keyIdHex, byte[] certificate, DateTimeOffset at, CancellationToken cancellationToken = default) => ChangeAsync(
        cancellationToken, null, null, RecordChange.Of(RecordChangeKind.Relay, id.Value),
        "INSERT INTO relays (id, kid, certificate, added_at) VALUES (@id, @kid, @cert, @at) ON CONFLICT DO NOTHING;",
        ("@id", id.Value), ("@kid", keyIdHex), ("@cert", certificate), ("@at", Sql.Ms(at)));

    public async Task<RelayRecord?> FindRelayAsync(RelayId id, CancellationToken cancellationToken = default) =>
        (await QueryRelaysAsync("WHERE r.id = @v", id.Value, cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<RelayRecord>> ListRelaysAsync(CancellationToken cancellationToken = default) =>
        await QueryRelaysAsync(string.Empty, null, cancellationToken);

    public Task<bool> BindDeviceToRelayAsync(DeviceId device, RelayId relayId, CancellationToken cancellationToken = default) => ChangeAsync(
        cancellationToken, null, null, RecordChange.Of(RecordChangeKind.Relay, relayId.Value),
        """
        INSERT INTO device_relays (device_id, relay_id)
        SELECT d.id, r.id FROM devices d, relays r WHERE d.id = @device AND r.id = @relay
        ON CONFLICT DO NOTHING;
        """,
        ("@device", device.Value), ("@relay", relayId.Value));

    // A change of a device or patient is also a ledger entry of the row as it now stands.
    private async Task<bool> ChangeAsync(CancellationToken cancellationToken, FactKind? kind, string? key, RecordChange change, string sql, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await Sql.ExecuteAsync(connection, transaction, sql, cancellationToken, parameters) > 0;
        if (changed)
        {
            if (kind is not null)
            {
                using var facts = await FactRecorder.OpenAsync(connection, transaction, database, cancellationToken);
                await facts.RecordAsync(kind, cancellationToken, key);
                await facts.SaveAsync(cancellationToken);
            }

            await BumpAsync(connection, transaction, cancellationToken);
        }

        await changes.CommitAsync(connection, transaction, changed ? [change] : [], cancellationToken);
        return changed;
    }

    /// <summary>Marks the registry changed, in the transaction that changes it.</summary>
    internal static Task<int> BumpAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Sql.ExecuteAsync(connection, transaction, "UPDATE registry_version SET value = value + 1 WHERE id = 1;", cancellationToken);

    private async Task<List<DeviceRecord>> QueryDevicesAsync(string sql, string? value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.QueryAsync(
            connection, null, sql,
            r => new DeviceRecord(
                DeviceId.Parse(r.GetString(0)), r.GetString(1), r.Bytes(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                (DeviceStatus)r.Int(7), r.TextOrNull(8) is { } patient ? PatientId.Parse(patient) : null, r.Time(9), r.TextOrNull(10)),
            cancellationToken,
            ("@v", value));
    }

    private async Task<List<PatientRecord>> QueryPatientsAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.QueryAsync(
            connection, null, sql,
            r =>
            {
                var id = r.GetString(0);
                var context = SealedFields.PatientIdentity(id);
                var identity = JsonSerializer.Deserialize(cipher.Open(id, context, r.Bytes(1)), SealedJson.Default.SealedIdentity)
                    ?? throw new RecordIntegrityException(context, "it is empty");
                return new PatientRecord(PatientId.Parse(id), identity.Name, r.Time(2), SplitList(r, 4), r.GetString(3), identity.Mrn);
            },
            cancellationToken,
            parameters);
    }

    private async Task<List<RelayRecord>> QueryRelaysAsync(string where, string? value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.QueryAsync(
            connection, null,
            $"SELECT r.id, r.kid, r.certificate, r.added_at, string_agg(dr.device_id, ',') FROM relays r LEFT JOIN device_relays dr ON dr.relay_id = r.id {where} GROUP BY r.id ORDER BY r.id;",
            r => new RelayRecord(RelayId.Parse(r.GetString(0)), r.GetString(1), r.Bytes(2), r.Time(3), SplitList(r, 4)),
            cancellationToken,
            ("@v", value));
    }

    private static string[] SplitList(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : [.. reader.GetString(ordinal).Split(',').Order(StringComparer.Ordinal)];
}

using Vigil.Domain.Devices;
using Vigil.Domain.Security;
using Vigil.Record.Changes;
using Vigil.Record.Encryption;
using Vigil.Record.Ledger;
using Vigil.Record.Trust;

namespace Vigil.Record.Storage;

/// <summary>Device flags, known-good firmware, incidents and recalls (no patient data: in clear).</summary>
internal sealed class SqlTrustStore(RecordDatabase database, RecordChangeFeed changes) : ITrustStore
{
    public async Task SetFlagAsync(DeviceFlag flag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flag);
        await ChangeRegistryAsync(
            cancellationToken,
            RecordChange.Flag(flag.DeviceId),
            """
            INSERT INTO device_flags (device_id, flag, since, reference, set_at) VALUES (@d, @f, @since, @ref, @at)
            ON CONFLICT (device_id, flag) DO UPDATE SET
                since = CASE WHEN excluded.since < device_flags.since THEN excluded.since ELSE device_flags.since END,
                reference = excluded.reference, set_at = excluded.set_at;
            """,
            f => f.RecordAsync(FactKinds.DeviceFlag, cancellationToken, flag.DeviceId.Value, flag.Reason),
            ("@d", flag.DeviceId.Value), ("@f", flag.Reason), ("@since", Sql.Ms(flag.Since)), ("@ref", flag.Reference), ("@at", Sql.Ms(flag.SetAt)));
    }

    public async Task<bool> ClearFlagAsync(DeviceId device, DeviceFlagKind flag, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await ChangeRegistryAsync(
            cancellationToken,
            RecordChange.Flag(device),
            "DELETE FROM device_flags WHERE device_id = @d AND flag = @f;", f => f.RemovedAsync(FactKinds.DeviceFlag, at, cancellationToken, device.Value, flag.ReasonCode()),
            ("@d", device.Value), ("@f", flag.ReasonCode())) > 0;

    public async Task<IReadOnlyList<DeviceFlag>> FlagsAsync(DeviceId? device = null, CancellationToken cancellationToken = default)
    {
        var where = new Filter();
        where.Add("device_id = @d", "@d", device?.Value);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.QueryAsync(
            connection, null, $"SELECT device_id, flag, since, reference, set_at FROM device_flags {where} ORDER BY device_id, flag;",
            r => new DeviceFlag(DeviceId.Parse(r.GetString(0)), Flag(r.GetString(1)), r.Time(2), r.GetString(3), r.Time(4)), cancellationToken, [.. where.Parameters]);
    }

    public async Task AllowFirmwareAsync(FirmwareEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await ChangeRegistryAsync(
            cancellationToken,
            RecordChange.Of(RecordChangeKind.Firmware, entry.Model),
            "INSERT INTO firmware_allowlist (model, digest, version, added_at) VALUES (@m, @d, @v, @at) ON CONFLICT DO NOTHING;",
            f => f.RecordAsync(FactKinds.Firmware, cancellationToken, entry.Model, entry.Digest),
            ("@m", entry.Model), ("@d", entry.Digest), ("@v", entry.Version), ("@at", Sql.Ms(entry.AddedAt)));
    }

    public async Task<IReadOnlyList<FirmwareEntry>> FirmwareAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.QueryAsync(
            connection, null, "SELECT model, digest, version, added_at FROM firmware_allowlist ORDER BY model, added_at;",
            r => new FirmwareEntry(r.GetString(0), r.Bytes(1), r.GetString(2), r.Time(3)), cancellationToken);
    }

    public Task<long> OpenIncidentAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return InsertedAsync(
            cancellationToken,
            FactKinds.Incident,
            "INSERT INTO incidents (kind, device_id, opened_at, since, detail, status, subject) VALUES (@k, @d, @at, @since, @detail, @status, @subject) RETURNING id;",
            ("@k", incident.Kind.Code()), ("@d", incident.DeviceId?.Value), ("@at", Sql.Ms(incident.OpenedAt)),
            ("@since", Sql.Ms(incident.Since)), ("@detail", incident.Detail), ("@status", incident.Status.Code()), ("@subject", incident.Subject));
    }

    public async Task<IReadOnlyList<Incident>> IncidentsAsync(DeviceId? device = null, int limit = 200, CancellationToken cancellationToken = default)
    {
        var where = new Filter();
        where.Add("device_id = @d", "@d", device?.Value);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.QueryAsync(
            connection, null, $"SELECT id, kind, device_id, opened_at, since, detail, status, subject FROM incidents {where} ORDER BY id DESC LIMIT @limit;",
            r => new Incident(
                r.Long(0), Kind(r.GetString(1)), r.TextOrNull(2) is { } d ? DeviceId.Parse(d) : null, r.Time(3), r.Time(4), r.GetString(5), Status(r.GetString(6)), r.TextOrNull(7)),
            cancellationToken,
            [.. where.Parameters, ("@limit", limit)]);
    }

    public Task<long> AddRecallAsync(Recall recall, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recall);
        return InsertedAsync(
            cancellationToken,
            FactKinds.Recall,
            """
            INSERT INTO recalls (model, lots, serials, firmware, since, reason, created_at, devices, readings)
            VALUES (@m, @l, @s, @f, @since, @reason, @at, 0, 0) RETURNING id;
            """,
            ("@m", recall.Model), ("@l", Join(recall.Lots)), ("@s", Join(recall.Serials)), ("@f", Join(recall.Firmware)),
            ("@since", Sql.Ms(recall.Since)), ("@reason", recall.Reason), ("@at", Sql.Ms(recall.CreatedAt)));
    }

    public async Task CompleteRecallAsync(long id, int devices, int readings, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Sql.ExecuteAsync(connection, transaction, "UPDATE recalls SET devices = @d, readings = @r WHERE id = @id;", cancellationToken, ("@d", devices), ("@r", readings), ("@id", id));
        using (var facts = await FactRecorder.OpenAsync(connection, transaction, database, cancellationToken))
        {
            await facts.RecordAsync(FactKinds.Recall, cancellationToken, id);
            await facts.SaveAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Recall>> RecallsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.QueryAsync(
            connection, null, "SELECT id, model, lots, serials, firmware, since, reason, created_at, devices, readings FROM recalls ORDER BY id DESC;",
            r => new Recall(
                r.Long(0), r.GetString(1), Split(r.GetString(2)), Split(r.GetString(3)), Split(r.GetString(4)),
                r.Time(5), r.GetString(6), r.Time(7), r.Int(8), r.Int(9)),
            cancellationToken);
    }

    // A change of what the verification reads (flags, firmware) bumps the registry's version and,
    // when it changed a row, is a ledger entry and a change notification, all in one transaction.
    private async Task<int> ChangeRegistryAsync(
        CancellationToken cancellationToken, RecordChange change, string sql, Func<FactRecorder, Task> record, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await Sql.ExecuteAsync(connection, transaction, sql, cancellationToken, parameters);
        if (changed > 0)
        {
            using var facts = await FactRecorder.OpenAsync(connection, transaction, database, cancellationToken);
            await record(facts);
            await facts.SaveAsync(cancellationToken);
        }

        await SqlRegistry.BumpAsync(connection, transaction, cancellationToken);
        await changes.CommitAsync(connection, transaction, changed > 0 ? [change] : [], cancellationToken);
        return changed;
    }

    // An incident or recall and its ledger entry, in one transaction.
    private async Task<long> InsertedAsync(CancellationToken cancellationToken, FactKind kind, string sql, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await Sql.ScalarLongAsync(connection, transaction, sql, cancellationToken, parameters);
        using (var facts = await FactRecorder.OpenAsync(connection, transaction, database, cancellationToken))
        {
            await facts.RecordAsync(kind, cancellationToken, id);
            await facts.SaveAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    // Flags, kinds and statuses are stored as their stable codes (DeviceFlagKinds, IncidentCodes),
    // the text the ledger's leaves carry; a row with any other text was edited behind Vigil's back.
    private static DeviceFlagKind Flag(string code) =>
        DeviceFlagKinds.TryParse(code, out var flag) ? flag : throw new RecordIntegrityException("device_flags.flag", $"'{code}' is not a device flag");

    private static IncidentKind Kind(string code) =>
        IncidentCodes.TryParseKind(code, out var kind) ? kind : throw new RecordIntegrityException("incidents.kind", $"'{code}' is not an incident kind");

    private static IncidentStatus Status(string code) =>
        IncidentCodes.TryParseStatus(code, out var status) ? status : throw new RecordIntegrityException("incidents.status", $"'{code}' is not an incident status");

    private static string Join(IReadOnlyList<string> items) => string.Join('\n', items);

    private static string[] Split(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

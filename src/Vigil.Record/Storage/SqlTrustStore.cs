using Vigil.Domain.Devices;
using Vigil.Record.Ledger;
using Vigil.Record.Trust;

namespace Vigil.Record.Storage;

/// <summary>Device flags, known-good firmware, incidents and recalls (no patient data: in clear).</summary>
internal sealed class SqlTrustStore(RecordDatabase database) : ITrustStore
{
    public void SetFlag(DeviceFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ChangeRegistry(
            """
            INSERT INTO device_flags (device_id, flag, since, reference, set_at) VALUES (@d, @f, @since, @ref, @at)
            ON CONFLICT (device_id, flag) DO UPDATE SET
                since = CASE WHEN excluded.since < device_flags.since THEN excluded.since ELSE device_flags.since END,
                reference = excluded.reference, set_at = excluded.set_at;
            """,
            f => f.Record(FactKinds.DeviceFlag, flag.DeviceId.Value, flag.Flag),
            ("@d", flag.DeviceId.Value), ("@f", flag.Flag), ("@since", Sql.Ms(flag.Since)), ("@ref", flag.Reference), ("@at", Sql.Ms(flag.SetAt)));
    }

    public bool ClearFlag(DeviceId device, string flag, DateTimeOffset at) =>
        ChangeRegistry(
            "DELETE FROM device_flags WHERE device_id = @d AND flag = @f;", f => f.Removed(FactKinds.DeviceFlag, at, device.Value, flag),
            ("@d", device.Value), ("@f", flag)) > 0;

    public IReadOnlyList<DeviceFlag> Flags(DeviceId? device = null)
    {
        var where = new Filter();
        where.Add("device_id = @d", "@d", device?.Value);
        using var connection = database.Open();
        return Sql.Query(
            connection, null, $"SELECT device_id, flag, since, reference, set_at FROM device_flags {where} ORDER BY device_id, flag;",
            r => new DeviceFlag(DeviceId.Parse(r.GetString(0)), r.GetString(1), r.Time(2), r.GetString(3), r.Time(4)), [.. where.Parameters]);
    }

    public void AllowFirmware(FirmwareEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ChangeRegistry(
            "INSERT INTO firmware_allowlist (model, digest, version, added_at) VALUES (@m, @d, @v, @at) ON CONFLICT DO NOTHING;",
            f => f.Record(FactKinds.Firmware, entry.Model, entry.Digest),
            ("@m", entry.Model), ("@d", entry.Digest), ("@v", entry.Version), ("@at", Sql.Ms(entry.AddedAt)));
    }

    public IReadOnlyList<FirmwareEntry> Firmware()
    {
        using var connection = database.Open();
        return Sql.Query(
            connection, null, "SELECT model, digest, version, added_at FROM firmware_allowlist ORDER BY model, added_at;",
            r => new FirmwareEntry(r.GetString(0), r.Bytes(1), r.GetString(2), r.Time(3)));
    }

    public long OpenIncident(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return Inserted(
            FactKinds.Incident,
            "INSERT INTO incidents (kind, device_id, opened_at, since, detail, status, subject) VALUES (@k, @d, @at, @since, @detail, @status, @subject) RETURNING id;",
            ("@k", incident.Kind), ("@d", incident.DeviceId?.Value), ("@at", Sql.Ms(incident.OpenedAt)),
            ("@since", Sql.Ms(incident.Since)), ("@detail", incident.Detail), ("@status", incident.Status), ("@subject", incident.Subject));
    }

    public IReadOnlyList<Incident> Incidents(DeviceId? device = null, int limit = 200)
    {
        var where = new Filter();
        where.Add("device_id = @d", "@d", device?.Value);
        using var connection = database.Open();
        return Sql.Query(
            connection, null, $"SELECT id, kind, device_id, opened_at, since, detail, status, subject FROM incidents {where} ORDER BY id DESC LIMIT @limit;",
            r => new Incident(
                r.Long(0), r.GetString(1), r.TextOrNull(2) is { } d ? DeviceId.Parse(d) : null, r.Time(3), r.Time(4), r.GetString(5), r.GetString(6), r.TextOrNull(7)),
            [.. where.Parameters, ("@limit", limit)]);
    }

    public long AddRecall(Recall recall)
    {
        ArgumentNullException.ThrowIfNull(recall);
        return Inserted(
            FactKinds.Recall,
            """
            INSERT INTO recalls (model, lots, serials, firmware, since, reason, created_at, devices, readings)
            VALUES (@m, @l, @s, @f, @since, @reason, @at, 0, 0) RETURNING id;
            """,
            ("@m", recall.Model), ("@l", Join(recall.Lots)), ("@s", Join(recall.Serials)), ("@f", Join(recall.Firmware)),
            ("@since", Sql.Ms(recall.Since)), ("@reason", recall.Reason), ("@at", Sql.Ms(recall.CreatedAt)));
    }

    public void CompleteRecall(long id, int devices, int readings)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Sql.Execute(connection, transaction, "UPDATE recalls SET devices = @d, readings = @r WHERE id = @id;", ("@d", devices), ("@r", readings), ("@id", id));
        using (var facts = new FactRecorder(connection, transaction, database))
        {
            facts.Record(FactKinds.Recall, id);
            facts.Save();
        }

        transaction.Commit();
    }

    public IReadOnlyList<Recall> Recalls()
    {
        using var connection = database.Open();
        return Sql.Query(
            connection, null, "SELECT id, model, lots, serials, firmware, since, reason, created_at, devices, readings FROM recalls ORDER BY id DESC;",
            r => new Recall(
                r.Long(0), r.GetString(1), Split(r.GetString(2)), Split(r.GetString(3)), Split(r.GetString(4)),
                r.Time(5), r.GetString(6), r.Time(7), r.Int(8), r.Int(9)));
    }

    // A change of what the verification reads (flags, firmware) bumps the registry's version and,
    // when it changed a row, is a ledger entry, all in one transaction.
    private int ChangeRegistry(string sql, Action<FactRecorder> record, params (string, object?)[] parameters)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var changed = Sql.Execute(connection, transaction, sql, parameters);
        if (changed > 0)
        {
            using var facts = new FactRecorder(connection, transaction, database);
            record(facts);
            facts.Save();
        }

        SqlRegistry.Bump(connection, transaction);
        transaction.Commit();
        return changed;
    }

    // An incident or recall and its ledger entry, in one transaction.
    private long Inserted(FactKind kind, string sql, params (string, object?)[] parameters)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var id = Sql.ScalarLong(connection, transaction, sql, parameters);
        using (var facts = new FactRecorder(connection, transaction, database))
        {
            facts.Record(kind, id);
            facts.Save();
        }

        transaction.Commit();
        return id;
    }

    private static string Join(IReadOnlyList<string> items) => string.Join('\n', items);

    private static string[] Split(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

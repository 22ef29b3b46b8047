using System.Data.Common;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Record.Encryption;
using Vigil.Record.Ledger;
using Vigil.Record.Readings;

namespace Vigil.Record.Storage;

/// <summary>
/// Readings and verdict revisions. Values and verdicts are sealed under the patient's data key;
/// device, patient, kind, time and verdict status stay in clear so that readings are found by
/// patient and time, and counted by status, without opening them. Each revision of a verdict is
/// a ledger entry, written with it.
/// </summary>
internal sealed class SqlReadingStore(RecordDatabase database, RecordCipher cipher) : IReadingStore
{
    private const string Columns =
        "device_id, sequence, idx, patient_id, kind, at, received_at, sealed_values, status, sealed_verdict, verdict_version, verdict_cause";

    public async Task<IReadOnlyList<StoredReading>> QueryAsync(ReadingQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new Filter();
        where.Add("patient_id = @patient", "@patient", query.PatientId?.Value);
        where.Add("device_id = @device", "@device", query.DeviceId?.Value);
        where.Add("kind = @kind", "@kind", (int?)query.Kind);
        where.Add("status = @status", "@status", (int?)query.Status);
        where.Add("at >= @from", "@from", query.From is { } from ? Sql.Ms(from) : null);
        where.Add("at < @to", "@to", query.To is { } to ? Sql.Ms(to) : null);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.QueryAsync(
            connection, null, $"SELECT {Columns} FROM readings {where} ORDER BY at DESC, device_id, sequence, idx LIMIT @limit;", Read, cancellationToken,
            [.. where.Parameters, ("@limit", query.Limit)]);
    }

    public async Task<int> AddReasonAsync(DeviceId device, DateTimeOffset since, string reason, string cause, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await Sql.QueryAsync(
            connection, transaction,
            "SELECT device_id, sequence, idx, patient_id, verdict_version, sealed_verdict FROM readings WHERE device_id = @d AND at >= @since;",
            ReadVerdict, cancellationToken, ("@d", device.Value), ("@since", Sql.Ms(since)));
        var revisions = current.Where(c => !c.Verdict.Reasons.Contains(reason)).Select(c => (c, c.Verdict.With([reason]))).ToList();
        var changed = await ApplyAsync(connection, transaction, revisions, cause, at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    public async Task<int> ReviseAsync(IReadOnlyList<(ReadingKey Key, Verdict Verdict)> revisions, string cause, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var targets = new List<(CurrentVerdict, Verdict)>();
        foreach (var (key, verdict) in revisions)
        {
            var current = await Sql.QueryAsync(
                connection, transaction,
                "SELECT device_id, sequence, idx, patient_id, verdict_version, sealed_verdict FROM readings WHERE device_id = @d AND sequence = @s AND idx = @i;",
                ReadVerdict, cancellationToken, ("@d", key.DeviceId.Value), ("@s", Sql.Stored(key.Sequence)), ("@i", key.Index));
            if (current.Count == 1 && current[0].Verdict.ToString() != verdict.ToString())
            {
                targets.Add((current[0], verdict));
            }
        }

        var changed = await ApplyAsync(connection, transaction, targets, cause, at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    public async Task<IReadOnlyList<VerdictEntry>> HistoryAsync(ReadingKey key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var device = key.DeviceId.Value;
        return await Sql.QueryAsync(
            connection, null,
            """
            SELECT version, sealed_verdict, rules_version, cause, decided_at, patient_id FROM verdict_history h
              JOIN (SELECT patient_id FROM readings WHERE device_id = @d AND sequence = @s AND idx = @i) p ON 1 = 1
              WHERE h.device_id = @d AND h.sequence = @s AND h.idx = @i
            UNION ALL
            SELECT verdict_version, sealed_verdict, rules_version, verdict_cause, verdict_at, patient_id FROM readings
              WHERE device_id = @d AND sequence = @s AND idx = @i
            ORDER BY 1;
            """,
            r =>
            {
                var version = r.Int(0);
                var verdict = cipher.OpenText(r.TextOrNull(5), SealedFields.Verdict(device, key.Sequence, key.Index, version), r.Bytes(1));
                return new VerdictEntry(version, Verdict.Parse(verdict), r.Int(2), r.GetString(3), r.Time(4));
            },
            cancellationToken,
            ("@d", device), ("@s", Sql.Stored(key.Sequence)), ("@i", key.Index));
    }

    public async Task<IReadOnlyDictionary<VerdictStatus, long>> CountByStatusAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default)
    {
        var where = new Filter();
        where.Add("at >= @since", "@since", since is { } s ? Sql.Ms(s) : null);
        await using var connection = await database.OpenAsync(cancellationToken);
        var counts = Enum.GetValues<VerdictStatus>().ToDictionary(s => s, _ => 0L);
        var rows = await Sql.QueryAsync(
            connection, null, $"SELECT status, count(*) FROM readings {where} GROUP BY status;", r => ((VerdictStatus)r.Int(0), r.Long(1)), cancellationToken, [.. where.Parameters]);
        foreach (var (status, count) in rows)
        {
            counts[status] = count;
        }

        return counts;
    }

    private async Task<int> ApplyAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<(CurrentVerdict Current, Verdict Verdict)> revisions, string cause, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (revisions.Count == 0)
        {
            return 0;
        }

        // The verdict being replaced moves to the history as sealed, with the ledger entry that
        // recorded it: its place names its version, which it keeps.
        await using var archive = Sql.Command(
            connection, transaction,
            """
            INSERT INTO verdict_history (device_id, sequence, idx, version, status, sealed_verdict, rules_version, cause, decided_at, ledger_idx)
            SELECT device_id, sequence, idx, verdict_version, status, sealed_verdict, rules_version, verdict_cause, verdict_at, verdict_ledger_idx
            FROM readings WHERE device_id = @d AND sequence = @s AND idx = @i;
            """,
            ("@d", null), ("@s", null), ("@i", null));
        await using var update = Sql.Command(
            connection, transaction,
            """
            UPDATE readings SET status = @status, sealed_verdict = @verdict, verdict_version = verdict_version + 1,
                rules_version = @rules, verdict_cause = @cause, verdict_at = @at, verdict_ledger_idx = @idx
            WHERE device_id = @d AND sequence = @s AND idx = @i AND verdict_version = @version;
            """,
            ("@status", null), ("@verdict", null), ("@rules", VerificationRules.Version), ("@cause", cause), ("@at", Sql.Ms(at)), ("@idx", null),
            ("@d", null), ("@s", null), ("@i", null), ("@version", null));

        // Each revision is appended to the ledger in the same transaction, under the same lock on
        // the ledger's edge as the ingest's group commits.
        using var entries = new LedgerWriter(connection, database);
        entries.Enlist(transaction);
        var ledger = await entries.LoadAsync(cancellationToken);
        var changed = 0;
        foreach (var (current, verdict) in revisions)
        {
            var next = current.Version + 1;
            var sealedVerdict = cipher.Seal(current.PatientId, SealedFields.Verdict(current.Device, current.Sequence, current.Index, next), verdict.ToString());
            Sql.Set(archive, current.Device, Sql.Stored(current.Sequence), current.Index);
            await archive.ExecuteNonQueryAsync(cancellationToken);
            Sql.Set(update, (int)verdict.Status, sealedVerdict, VerificationRules.Version, cause, Sql.Ms(at), ledger.Size,
                current.Device, Sql.Stored(current.Sequence), current.Index, current.Version);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                continue;
            }

            var leaf = LedgerLeaf.Verdict(
                current.Device, current.Sequence, current.Index, next, (int)verdict.Status, sealedVerdict, VerificationRules.Version, cause, Sql.Ms(at));
            await entries.AppendAsync(
                ledger, LedgerLeaf.VerdictKind, LedgerLeaf.VerdictSubject(current.Device, current.Sequence, current.Index, next), leaf,
                current.Device, Sql.Stored(current.Sequence), cancellationToken);
            changed++;
        }

        await entries.SaveAsync(ledger, cancellationToken);
        return changed;
    }

    private CurrentVerdict ReadVerdict(DbDataReader r)
    {
        var device = r.GetString(0);
        var sequence = r.Sequence(1);
        var index = r.Int(2);
        var patient = r.TextOrNull(3);
        var version = r.Int(4);
        var verdict = Verdict.Parse(cipher.OpenText(patient, SealedFields.Verdict(device, sequence, index, version), r.Bytes(5)));
        return new CurrentVerdict(device, sequence, index, patient, version, verdict);
    }

    private StoredReading Read(DbDataReader r)
    {
        var device = r.GetString(0);
        var sequence = r.Sequence(1);
        var index = r.Int(2);
        var patient = r.TextOrNull(3);
        var valuesContext = SealedFields.ReadingValues(device, sequence, index);
        var values = SealedFields.DecodeValues(cipher.Open(patient, valuesContext, r.Bytes(7)), valuesContext);
        var version = r.Int(10);
        var verdict = cipher.OpenText(patient, SealedFields.Verdict(device, sequence, index, version), r.Bytes(9));
        return new StoredReading(
            DeviceId.Parse(device), sequence, index, patient is null ? null : PatientId.Parse(patient), (MeasurementKind)r.Int(4), r.Time(5), r.Time(6),
            values.V, values.U, (ReadingFlags)values.F, values.C, Verdict.Parse(verdict), version, r.GetString(11));
    }

    private sealed record CurrentVerdict(string Device, ulong Sequence, int Index, string? PatientId, int Version, Verdict Verdict);
}

using System.Runtime.CompilerServices;
using Vigil.Record.Ledger;

namespace Vigil.Record.Storage;

/// <summary>
/// The record as the auditor reads it, in sequential scans: the ledger by index; batches by key,
/// merged with their readings (and the ingest verdicts kept in the history) read in the same
/// order (<see cref="AuditBatches"/>); accesses by number, with their break-glass grants; verdict
/// revisions; every recorded fact. Leaves hold digests of the stored (sealed) fields, so no key is
/// needed: an auditor checks the record without being able to read it.
/// </summary>
internal sealed class SqlAuditSource(RecordDatabase database) : IAuditSource
{
    public async IAsyncEnumerable<(long Index, byte[] LeafHash, string? FactSubject, bool Removed)> LeafHashesAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var scan = await database.ScanAsync("SELECT idx, leaf FROM ledger ORDER BY idx;", cancellationToken);
        while (await scan.ReadAsync(cancellationToken))
        {
            yield return LeafHash(scan);
        }
    }

    public async Task<LedgerEntry?> EntryAsync(long index, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = Sql.Command(connection, "SELECT idx, kind, subject, leaf FROM ledger WHERE idx = @i;", ("@i", index));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        return await r.ReadAsync(cancellationToken) ? new LedgerEntry(r.Long(0), r.GetString(1), r.GetString(2), r.Bytes(3)) : null;
    }

    public IReadOnlyList<StoredReadingBytes> ReadingsOf(string deviceId, ulong sequence)
    {
        using var connection = database.Open();
        return Sql.Query(
            connection, null,
            """
            SELECT r.idx, r.kind, r.at, r.sealed_values, coalesce(h.status, r.status), coalesce(h.sealed_verdict, r.sealed_verdict)
            FROM readings r LEFT JOIN verdict_history h
              ON h.device_id = r.device_id AND h.sequence = r.sequence AND h.idx = r.idx AND h.version = 1
            WHERE r.device_id = @d AND r.sequence = @s ORDER BY r.idx;
            """,
            r => new StoredReadingBytes(r.Int(0), r.Int(1), r.Long(2), Convert.ToBase64String(r.Bytes(3)), r.Int(4), Convert.ToBase64String(r.Bytes(5))),
            ("@d", deviceId), ("@s", Sql.Stored(sequence)));
    }

    public IReadOnlyList<int> RevisionsOf(string deviceId, ulong sequence, int index)
    {
        using var connection = database.Open();
        return Sql.Query(
            connection, null,
            """
            SELECT version FROM verdict_history WHERE device_id = @d AND sequence = @s AND idx = @i AND version > 1
            UNION ALL
            SELECT verdict_version FROM readings WHERE device_id = @d AND sequence = @s AND idx = @i AND verdict_version > 1
            ORDER BY 1;
            """,
            r => r.Int(0), ("@d", deviceId), ("@s", Sql.Stored(sequence)), ("@i", index));
    }

    public async IAsyncEnumerable<RecordedSubject> RecordedAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var batch in new AuditBatches(database).ReadAsync(cancellationToken))
        {
            yield return batch;
        }

        await foreach (var access in AccessesAsync(cancellationToken))
        {
            yield return access;
        }

        await foreach (var revision in RevisionsAsync(cancellationToken))
        {
            yield return revision;
        }

        await foreach (var fact in FactsAsync(cancellationToken))
        {
            yield return fact;
        }
    }

    private static (long Index, byte[] LeafHash, string? FactSubject, bool Removed) LeafHash(RowScan scan)
    {
        var index = scan.Long(0);
        var leaf = scan.Blob(1);
        var hash = MerkleHash.Leaf(leaf);
        var fact = FactLeaf.TryRead(leaf, out var subject, out var removed);
        return (index, hash, fact ? subject : null, removed);
    }

    // Every row of every kind of fact, with the leaf of the row as it stands.
    private async IAsyncEnumerable<RecordedSubject> FactsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var kind in FactKinds.All)
        {
            var keys = string.Join(", ", kind.Key.Select(k => k.Column));
            await using var connection = database.Open();
            await using var command = Sql.Command(connection, $"SELECT {kind.SelectList} FROM {kind.Table} ORDER BY {keys};");
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            var count = r.FieldCount - 1;
            while (await r.ReadAsync(cancellationToken))
            {
                var values = new object?[count];
                for (var i = 0; i < count; i++)
                {
                    values[i] = r.IsDBNull(i) ? null : r.GetValue(i);
                }

                yield return new RecordedSubject(FactLeaf.Subject(kind, values), r.IsDBNull(count) ? null : r.Long(count), FactLeaf.Build(kind, values), IsFact: true);
            }
        }
    }

    private async IAsyncEnumerable<RecordedSubject> AccessesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = Sql.Command(
            connection,
            """
            SELECT a.id, a.at, a.user_id, a.role, a.patient_id, a.what, a.purpose, a.break_glass_id, g.sealed_reason, a.ledger_idx
            FROM access_log a LEFT JOIN break_glass g ON g.id = a.break_glass_id ORDER BY a.id;
            """);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            var id = r.Long(0);
            yield return new RecordedSubject(
                LedgerLeaf.AccessSubject(id), r.IsDBNull(9) ? null : r.Long(9),
                LedgerLeaf.Access(
                    id, r.Long(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                    r.IsDBNull(7) ? null : r.Long(7), r.IsDBNull(8) ? [] : r.Bytes(8)));
        }
    }

    // Every verdict after a reading's first: the versions kept in the history, and the current
    // verdicts of revised readings (found by their partial index).
    private async IAsyncEnumerable<RecordedSubject> RevisionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = Sql.Command(
            connection,
            """
            SELECT device_id, sequence, idx, version, status, sealed_verdict, rules_version, cause, decided_at, ledger_idx
              FROM verdict_history WHERE version > 1
            UNION ALL
            SELECT device_id, sequence, idx, verdict_version, status, sealed_verdict, rules_version, verdict_cause, verdict_at, verdict_ledger_idx
              FROM readings WHERE verdict_version > 1;
            """);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            var (device, sequence, index, version) = (r.GetString(0), r.Sequence(1), r.Int(2), r.Int(3));
            yield return new RecordedSubject(
                LedgerLeaf.VerdictSubject(device, sequence, index, version), r.IsDBNull(9) ? null : r.Long(9),
                LedgerLeaf.Verdict(device, sequence, index, version, r.Int(4), r.Bytes(5), r.Int(6), r.GetString(7), r.Long(8)));
        }
    }
}

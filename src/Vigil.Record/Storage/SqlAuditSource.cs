using System.Data.Common;
using Vigil.Record.Ledger;

namespace Vigil.Record.Storage;

/// <summary>
/// Rebuilds ledger leaves from the batches, readings, verdict history and access log as they
/// stand, as two ordered streams merged by ledger index: the entries joined to what they name,
/// and the readings of batch entries. Leaves hold digests of the stored (sealed) fields, so no key
/// is needed: an auditor checks the record without being able to read it.
/// </summary>
internal sealed class SqlAuditSource(RecordDatabase database) : IAuditSource
{
    private const string EntrySql = """
        SELECT l.idx, l.kind, l.subject, l.leaf,
               b.device_id, b.sequence, b.received_at, b.patient_id, b.envelope_sha256, b.sealed_batch, b.reading_count,
               a.id, a.at, a.user_id, a.role, a.patient_id, a.what, a.purpose, a.break_glass_id, g.sealed_reason
        FROM ledger l
        LEFT JOIN batches b ON l.kind = 'batch' AND b.device_id = l.device_id AND b.sequence = l.sequence
        LEFT JOIN access_log a ON l.kind = 'access' AND a.id = l.access_id
        LEFT JOIN break_glass g ON g.id = a.break_glass_id
        WHERE l.idx >= @from ORDER BY l.idx;
        """;

    private const string ReadingSql = """
        SELECT l.idx, r.idx, r.kind, r.at, r.sealed_values, coalesce(h.status, r.status), coalesce(h.sealed_verdict, r.sealed_verdict)
        FROM ledger l
        JOIN readings r ON r.device_id = l.device_id AND r.sequence = l.sequence
        LEFT JOIN verdict_history h ON h.device_id = r.device_id AND h.sequence = r.sequence AND h.idx = r.idx AND h.version = 1
        WHERE l.kind = 'batch' AND l.idx >= @from ORDER BY l.idx, r.idx;
        """;

    public IEnumerable<AuditedEntry> Entries(long from = 0)
    {
        using var entryConnection = database.Open();
        using var readingConnection = database.Open();
        using var entries = Sql.Command(entryConnection, EntrySql, ("@from", from));
        using var readings = Sql.Command(readingConnection, ReadingSql, ("@from", from));
        using var entry = entries.ExecuteReader();
        using var reading = readings.ExecuteReader();
        var readingAhead = reading.Read();
        while (entry.Read())
        {
            var index = entry.Long(0);
            var stored = new LedgerEntry(index, entry.GetString(1), entry.GetString(2), entry.Bytes(3));
            byte[]? rebuilt = null;
            if (stored.Kind == LedgerLeaf.BatchKind)
            {
                using var digest = new LedgerLeaf.ReadingsDigest();
                while (readingAhead && reading.Long(0) < index)
                {
                    readingAhead = reading.Read();
                }

                for (; readingAhead && reading.Long(0) == index; readingAhead = reading.Read())
                {
                    digest.Add(reading.Int(1), reading.Int(2), reading.Long(3), reading.Bytes(4), reading.Int(5), reading.Bytes(6));
                }

                rebuilt = entry.IsDBNull(4) ? null : LedgerLeaf.Batch(
                    entry.GetString(4), entry.Sequence(5), entry.Long(6), entry.TextOrNull(7), entry.Bytes(8), entry.Bytes(9), entry.Int(10), digest.Finish());
            }
            else if (stored.Kind == LedgerLeaf.AccessKind && !entry.IsDBNull(11))
            {
                rebuilt = Access(entry);
            }

            yield return new AuditedEntry(stored, rebuilt);
        }
    }

    public long SubjectCount()
    {
        using var connection = database.Open();
        return Sql.ScalarLong(connection, null, "SELECT (SELECT count(*) FROM batches) + (SELECT count(*) FROM access_log);");
    }

    public IReadOnlyList<string> Unledgered(int limit)
    {
        // Subjects carry the unsigned sequence; the record holds it by bit pattern, so the subject
        // is made here rather than in SQL.
        using var connection = database.Open();
        var list = Sql.Query(
            connection, null,
            "SELECT b.device_id, b.sequence FROM batches b LEFT JOIN ledger l ON l.device_id = b.device_id AND l.sequence = b.sequence AND l.kind = 'batch' WHERE l.idx IS NULL LIMIT @n;",
            r => LedgerLeaf.BatchSubject(r.GetString(0), r.Sequence(1)), ("@n", limit));
        list.AddRange(Sql.Query(
            connection, null,
            "SELECT a.id FROM access_log a LEFT JOIN ledger l ON l.access_id = a.id AND l.kind = 'access' WHERE l.idx IS NULL LIMIT @n;",
            r => LedgerLeaf.AccessSubject(r.Long(0)), ("@n", limit)));
        return list;
    }

    private static byte[] Access(DbDataReader r) => LedgerLeaf.Access(
        r.Long(11), r.Long(12), r.GetString(13), r.GetString(14), r.GetString(15), r.GetString(16), r.GetString(17),
        r.IsDBNull(18) ? null : r.Long(18), r.IsDBNull(19) ? [] : r.Bytes(19));
}

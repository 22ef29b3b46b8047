using Microsoft.Data.Sqlite;
using Vigil.Record.Ledger;

namespace Vigil.Record.Sqlite;

/// <summary>Rebuilds ledger leaves from the batches, readings and verdict history tables as they stand.</summary>
internal sealed class SqliteAuditSource(SqliteConnections connections) : IAuditSource
{
    public byte[]? RebuildBatchLeaf(string subject)
    {
        if (!LedgerLeaf.TryParseBatchSubject(subject, out var device, out var sequence))
        {
            return null;
        }

        var seq = unchecked((long)sequence);
        using var connection = connections.Open();
        using var batch = SqliteConnections.Command(
            connection, "SELECT received_at, envelope_sha256, signed_batch, reading_count FROM batches WHERE device_id = $device AND sequence = $seq;",
            ("$device", device), ("$seq", seq));
        using var row = batch.ExecuteReader();
        if (!row.Read())
        {
            return null;
        }

        var receivedAt = row.GetInt64(0);
        var envelope = (byte[])row[1];
        var signed = (byte[])row[2];
        var count = row.GetInt32(3);
        using var digest = new LedgerLeaf.ReadingsDigest();
        using var readings = SqliteConnections.Command(
            connection,
            """
            SELECT r.idx, r.patient_id, r.kind, r.at, r.v0, r.v1, r.v2, r.unit, r.flags, r.code,
                   coalesce(h.status, r.status), coalesce(h.reasons, r.reasons)
            FROM readings r LEFT JOIN verdict_history h
              ON h.device_id = r.device_id AND h.sequence = r.sequence AND h.idx = r.idx AND h.version = 1
            WHERE r.device_id = $device AND r.sequence = $seq ORDER BY r.idx;
            """,
            ("$device", device), ("$seq", seq));
        using var reader = readings.ExecuteReader();
        while (reader.Read())
        {
            digest.Add(
                reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3),
                Nullable(reader, 4), Nullable(reader, 5), Nullable(reader, 6), reader.GetString(7), reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetInt32(10), reader.GetString(11));
        }

        return LedgerLeaf.Batch(device, sequence, receivedAt, envelope, signed, count, digest.Finish());
    }

    public long BatchCount()
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(connection, "SELECT count(*) FROM batches;");
        return (long)command.ExecuteScalar()!;
    }

    public IReadOnlyList<string> UnledgeredBatches(int limit)
    {
        // Subjects carry the unsigned sequence; SQLite holds it by bit pattern, so the subject is
        // made here rather than in SQL.
        using var connection = connections.Open();
        using var batches = SqliteConnections.Command(connection, "SELECT device_id, sequence FROM batches ORDER BY device_id, sequence;");
        using var exists = SqliteConnections.Command(connection, "SELECT 1 FROM ledger WHERE kind = 'batch' AND subject = $subject;", ("$subject", null));
        using var reader = batches.ExecuteReader();
        var list = new List<string>();
        while (reader.Read() && list.Count < limit)
        {
            var subject = LedgerLeaf.BatchSubject(reader.GetString(0), unchecked((ulong)reader.GetInt64(1)));
            exists.Parameters[0].Value = subject;
            if (exists.ExecuteScalar() is null)
            {
                list.Add(subject);
            }
        }

        return list;
    }

    private static double? Nullable(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
}

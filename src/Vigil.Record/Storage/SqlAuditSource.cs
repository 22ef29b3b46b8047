using Vigil.Record.Ledger;

namespace Vigil.Record.Storage;

/// <summary>
/// Rebuilds ledger leaves from the batches, readings and verdict history as they stand. Leaves
/// hold digests of the stored (sealed) fields, so no key is needed: an auditor checks the record
/// without being able to read it.
/// </summary>
internal sealed class SqlAuditSource(RecordDatabase database) : IAuditSource
{
    public byte[]? RebuildBatchLeaf(string subject)
    {
        if (!LedgerLeaf.TryParseBatchSubject(subject, out var device, out var sequence))
        {
            return null;
        }

        var seq = Sql.Stored(sequence);
        using var connection = database.Open();
        var batch = Sql.Query(
            connection, null,
            "SELECT received_at, envelope_sha256, patient_id, sealed_batch, reading_count FROM batches WHERE device_id = @device AND sequence = @seq;",
            r => (ReceivedAt: r.Long(0), Envelope: r.Bytes(1), Patient: r.TextOrNull(2), Sealed: r.Bytes(3), Count: r.Int(4)),
            ("@device", device), ("@seq", seq));
        if (batch.Count == 0)
        {
            return null;
        }

        using var digest = new LedgerLeaf.ReadingsDigest();
        using var readings = Sql.Command(
            connection,
            """
            SELECT r.idx, r.kind, r.at, r.sealed_values, coalesce(h.status, r.status), coalesce(h.sealed_verdict, r.sealed_verdict)
            FROM readings r LEFT JOIN verdict_history h
              ON h.device_id = r.device_id AND h.sequence = r.sequence AND h.idx = r.idx AND h.version = 1
            WHERE r.device_id = @device AND r.sequence = @seq ORDER BY r.idx;
            """,
            ("@device", device), ("@seq", seq));
        using (var reader = readings.ExecuteReader())
        {
            while (reader.Read())
            {
                digest.Add(reader.Int(0), reader.Int(1), reader.Long(2), reader.Bytes(3), reader.Int(4), reader.Bytes(5));
            }
        }

        var (receivedAt, envelope, patient, sealedBatch, count) = batch[0];
        return LedgerLeaf.Batch(device, sequence, receivedAt, patient, envelope, sealedBatch, count, digest.Finish());
    }

    public long BatchCount()
    {
        using var connection = database.Open();
        return Sql.ScalarLong(connection, null, "SELECT count(*) FROM batches;");
    }

    public IReadOnlyList<string> UnledgeredBatches(int limit)
    {
        // Subjects carry the unsigned sequence; the record holds it by bit pattern, so the subject
        // is made here rather than in SQL.
        using var connection = database.Open();
        using var batches = Sql.Command(connection, "SELECT device_id, sequence FROM batches ORDER BY device_id, sequence;");
        using var check = database.Open();
        using var exists = Sql.Command(check, "SELECT 1 FROM ledger WHERE kind = 'batch' AND subject = @subject;", ("@subject", null));
        using var reader = batches.ExecuteReader();
        var list = new List<string>();
        while (reader.Read() && list.Count < limit)
        {
            var subject = LedgerLeaf.BatchSubject(reader.GetString(0), reader.Sequence(1));
            exists.Parameters[0].Value = subject;
            if (exists.ExecuteScalar() is null)
            {
                list.Add(subject);
            }
        }

        return list;
    }
}

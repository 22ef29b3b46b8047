using Microsoft.Data.Sqlite;
using Vigil.Domain.Security;
using Vigil.Domain.Verification;
using Vigil.Record.Batches;
using Vigil.Record.Ledger;
using Vigil.Record.Readings;

namespace Vigil.Record.Sqlite;

/// <summary>The prepared statements of the group committer, reused across transactions.</summary>
internal sealed class WriteStatements : IDisposable
{
    private readonly SqliteCommand _insertBatch;
    private readonly SqliteCommand _saveState;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _insertReading;
    private readonly SqliteCommand _insertLedger;
    private readonly SqliteCommand _loadFrontier;
    private readonly SqliteCommand _saveFrontier;

    public WriteStatements(SqliteConnection connection)
    {
        _insertBatch = SqliteConnections.Command(
            connection,
            """
            INSERT INTO batches (device_id, sequence, created_at, received_at, source, session_id, firmware_digest,
                                 envelope_sha256, signed_batch, reading_count, quarantined)
            VALUES ($device, $seq, $created, $received, $source, $session, $firmware, $digest, $signed, $count, $quarantined)
            ON CONFLICT DO NOTHING;
            """,
            ("$device", null), ("$seq", null), ("$created", null), ("$received", null), ("$source", null), ("$session", null),
            ("$firmware", null), ("$digest", null), ("$signed", null), ("$count", null), ("$quarantined", null));
        _saveState = SqliteConnections.Command(
            connection,
            """
            INSERT INTO device_state (device_id, last_seen, last_source, last_session, firmware_digest, batches)
            VALUES ($device, $seen, $source, $session, $firmware, 1)
            ON CONFLICT (device_id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen), last_source = excluded.last_source,
                last_session = excluded.last_session, firmware_digest = excluded.firmware_digest, batches = batches + 1;
            """,
            ("$device", null), ("$seen", null), ("$source", null), ("$session", null), ("$firmware", null));
        _insertEvent = SqliteConnections.Command(
            connection,
            "INSERT INTO security_events (at, code, principal, source, device_id, detail) VALUES ($at, $code, $principal, $source, $device, $detail);",
            ("$at", null), ("$code", null), ("$principal", null), ("$source", null), ("$device", null), ("$detail", null));
        _insertReading = SqliteConnections.Command(
            connection,
            """
            INSERT INTO readings (device_id, sequence, idx, patient_id, kind, at, received_at, v0, v1, v2, unit, flags, code,
                                  status, reasons, verdict_version, rules_version, verdict_cause, verdict_at)
            VALUES ($device, $seq, $idx, $patient, $kind, $at, $received, $v0, $v1, $v2, $unit, $flags, $code,
                    $status, $reasons, 1, $rules, 'ingest', $received);
            """,
            ("$device", null), ("$seq", null), ("$idx", null), ("$patient", null), ("$kind", null), ("$at", null), ("$received", null),
            ("$v0", null), ("$v1", null), ("$v2", null), ("$unit", null), ("$flags", null), ("$code", null), ("$status", null),
            ("$reasons", null), ("$rules", null));
        _insertLedger = SqliteConnections.Command(
            connection, "INSERT INTO ledger (idx, kind, subject, leaf) VALUES ($idx, $kind, $subject, $leaf);",
            ("$idx", null), ("$kind", null), ("$subject", null), ("$leaf", null));
        _loadFrontier = SqliteConnections.Command(connection, "SELECT frontier FROM ledger_state WHERE id = 1;");
        _saveFrontier = SqliteConnections.Command(
            connection, "INSERT INTO ledger_state (id, frontier) VALUES (1, $frontier) ON CONFLICT (id) DO UPDATE SET frontier = excluded.frontier;",
            ("$frontier", null));
    }

    /// <summary>The ledger's edge as committed (inside the write transaction, so no other writer moves it meanwhile).</summary>
    public MerkleFrontier LoadFrontier() => MerkleFrontier.FromStored(_loadFrontier.ExecuteScalar() as byte[]);

    /// <summary>Saves the ledger's edge with the transaction.</summary>
    public void SaveFrontier(MerkleFrontier frontier)
    {
        Set(_saveFrontier, frontier.ToBytes());
        _saveFrontier.ExecuteNonQuery();
    }

    public void Enlist(SqliteTransaction transaction)
    {
        _insertLedger.Transaction = transaction;
        _loadFrontier.Transaction = transaction;
        _saveFrontier.Transaction = transaction;
        _insertReading.Transaction = transaction;
        _insertBatch.Transaction = transaction;
        _saveState.Transaction = transaction;
        _insertEvent.Transaction = transaction;
    }

    public CommitOutcome Write(AcceptedBatch batch, MerkleFrontier ledger)
    {
        var device = batch.DeviceId.Value;
        Set(_insertBatch, device, unchecked((long)batch.Sequence), batch.Created.ToUnixTimeMilliseconds(), batch.ReceivedAt.ToUnixTimeMilliseconds(),
            batch.Source, batch.SessionId, batch.FirmwareDigest, batch.EnvelopeDigest, batch.SignedBatch, batch.ReadingCount, batch.Quarantined ? 1 : 0);
        if (_insertBatch.ExecuteNonQuery() == 0)
        {
            return CommitOutcome.AlreadyStored;
        }

        using var digest = new LedgerLeaf.ReadingsDigest();
        foreach (var r in batch.Readings ?? [])
        {
            var reasons = r.Verdict.ToString();
            Set(_insertReading, device, unchecked((long)r.Sequence), r.Index, r.PatientId, (int)r.Kind, r.At.ToUnixTimeMilliseconds(),
                r.ReceivedAt.ToUnixTimeMilliseconds(), Value(r, 0), Value(r, 1), Value(r, 2), r.Unit, (int)r.Flags, r.Code,
                (int)r.Verdict.Status, reasons, VerificationRules.Version);
            _insertReading.ExecuteNonQuery();
            digest.Add(r.Index, r.PatientId, (int)r.Kind, r.At.ToUnixTimeMilliseconds(), (double?)Value(r, 0), (double?)Value(r, 1), (double?)Value(r, 2),
                r.Unit, (int)r.Flags, r.Code, (int)r.Verdict.Status, reasons);
        }

        var leaf = LedgerLeaf.Batch(
            device, batch.Sequence, batch.ReceivedAt.ToUnixTimeMilliseconds(), batch.EnvelopeDigest, batch.SignedBatch, batch.ReadingCount, digest.Finish());
        Set(_insertLedger, ledger.Size, LedgerLeaf.BatchKind, LedgerLeaf.BatchSubject(device, batch.Sequence), leaf);
        _insertLedger.ExecuteNonQuery();
        ledger.Append(MerkleHash.Leaf(leaf));

        Set(_saveState, device, batch.ReceivedAt.ToUnixTimeMilliseconds(), batch.Source, batch.SessionId, batch.FirmwareDigest);
        _saveState.ExecuteNonQuery();
        return CommitOutcome.Stored;
    }

    public CommitOutcome Write(SecurityEvent e)
    {
        Set(_insertEvent, e.At.ToUnixTimeMilliseconds(), e.Code, e.Principal, e.Source, e.DeviceId, e.Detail);
        _insertEvent.ExecuteNonQuery();
        return CommitOutcome.Stored;
    }

    public void Dispose()
    {
        _insertBatch.Dispose();
        _saveState.Dispose();
        _insertEvent.Dispose();
        _insertReading.Dispose();
        _insertLedger.Dispose();
        _loadFrontier.Dispose();
        _saveFrontier.Dispose();
    }

    private static object? Value(StoredReading reading, int index) => index < reading.Values.Count ? reading.Values[index] : null;

    private static void Set(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}

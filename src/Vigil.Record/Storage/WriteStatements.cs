using System.Data.Common;
using Vigil.Domain.Security;
using Vigil.Domain.Verification;
using Vigil.Record.Access;
using Vigil.Record.Batches;
using Vigil.Record.Ledger;

namespace Vigil.Record.Storage;

/// <summary>The statements of the group committer, reused across transactions.</summary>
internal sealed class WriteStatements : IDisposable
{
    private readonly DbCommand _insertBatch;
    private readonly DbCommand _saveState;
    private readonly DbCommand _insertEvent;
    private readonly DbCommand _insertReading;
    private readonly LedgerWriter _ledger;
    private readonly DbCommand _insertAccess;
    private readonly DbCommand _grantReason;
    private readonly DbCommand[] _all;
    private readonly DbConnection _connection;
    private DbTransaction? _transaction;

    public WriteStatements(DbConnection connection, RecordDatabase database)
    {
        _connection = connection;
        _insertBatch = Sql.Command(
            connection,
            """
            INSERT INTO batches (device_id, sequence, created_at, received_at, source, session_id, session_start, firmware_digest,
                                 envelope_sha256, patient_id, sealed_batch, reading_count, quarantined, ledger_idx, leaf_version)
            VALUES (@device, @seq, @created, @received, @source, @session, @start, @firmware, @digest, @patient, @sealed, @count, @quarantined, @idx, @leafVersion)
            ON CONFLICT DO NOTHING;
            """,
            ("@device", null), ("@seq", null), ("@created", null), ("@received", null), ("@source", null), ("@session", null), ("@start", null),
            ("@firmware", null), ("@digest", null), ("@patient", null), ("@sealed", null), ("@count", null), ("@quarantined", null), ("@idx", null), ("@leafVersion", null));
        _saveState = Sql.Command(
            connection,
            """
            INSERT INTO device_state (device_id, last_seen, last_source, last_session, firmware_digest, batches)
            VALUES (@device, @seen, @source, @session, @firmware, 1)
            ON CONFLICT (device_id) DO UPDATE SET
                last_seen = CASE WHEN excluded.last_seen > device_state.last_seen THEN excluded.last_seen ELSE device_state.last_seen END,
                last_source = excluded.last_source, last_session = excluded.last_session, firmware_digest = excluded.firmware_digest,
                batches = device_state.batches + 1;
            """,
            ("@device", null), ("@seen", null), ("@source", null), ("@session", null), ("@firmware", null));
        _insertEvent = Sql.Command(
            connection,
            "INSERT INTO security_events (at, code, principal, source, device_id, detail, count) VALUES (@at, @code, @principal, @source, @device, @detail, @count) RETURNING id;",
            ("@at", null), ("@code", null), ("@principal", null), ("@source", null), ("@device", null), ("@detail", null), ("@count", null));
        _insertReading = Sql.Command(
            connection,
            """
            INSERT INTO readings (device_id, sequence, idx, patient_id, kind, at, received_at, sealed_values,
                                  status, sealed_verdict, verdict_version, rules_version, verdict_cause, verdict_at)
            VALUES (@device, @seq, @idx, @patient, @kind, @at, @received, @values, @status, @verdict, 1, @rules, 'ingest', @received);
            """,
            ("@device", null), ("@seq", null), ("@idx", null), ("@patient", null), ("@kind", null), ("@at", null), ("@received", null),
            ("@values", null), ("@status", null), ("@verdict", null), ("@rules", null));
        _insertAccess = Sql.Command(
            connection,
            """
            INSERT INTO access_log (at, user_id, role, patient_id, what, purpose, break_glass_id, ledger_idx)
            VALUES (@at, @user, @role, @patient, @what, @purpose, @grant, @idx) RETURNING id;
            """,
            ("@at", null), ("@user", null), ("@role", null), ("@patient", null), ("@what", null), ("@purpose", null), ("@grant", null), ("@idx", null));
        _grantReason = Sql.Command(connection, "SELECT sealed_reason FROM break_glass WHERE id = @id;", ("@id", null));
        _ledger = new LedgerWriter(connection, database);
        _all = [_insertBatch, _saveState, _insertEvent, _insertReading, _insertAccess, _grantReason];
    }

    /// <summary>The ledger's edge as committed, read (and locked) inside the write transaction.</summary>
    public MerkleFrontier LoadFrontier() => _ledger.Load();

    /// <summary>Saves the ledger's edge with the transaction.</summary>
    public void SaveFrontier(MerkleFrontier frontier) => _ledger.Save(frontier);

    public void Enlist(DbTransaction transaction)
    {
        _transaction = transaction;
        foreach (var command in _all)
        {
            command.Transaction = transaction;
        }

        _ledger.Enlist(transaction);
    }

    public CommitOutcome Write(BatchRow row, MerkleFrontier? ledger)
    {
        var batch = row.Batch;
        var device = batch.DeviceId.Value;
        Sql.Set(_insertBatch, device, Sql.Stored(batch.Sequence), Sql.Ms(batch.Created), Sql.Ms(batch.ReceivedAt), batch.Source, batch.SessionId,
            batch.SessionStart, batch.FirmwareDigest, batch.EnvelopeDigest, batch.PatientId?.Value, row.SealedBatch, batch.ReadingCount, batch.Quarantined ? 1 : 0,
            ledger is not null && row.Leaf is not null ? ledger.Size : null, row.Leaf is not null ? 3 : null);
        if (_insertBatch.ExecuteNonQuery() == 0)
        {
            return CommitOutcome.AlreadyStored;
        }

        foreach (var (r, values, verdict) in row.Readings)
        {
            // A reading is filed under its batch's patient and received time: the batch's leaf covers them.
            Sql.Set(_insertReading, device, Sql.Stored(r.Sequence), r.Index, batch.PatientId?.Value, (int)r.Kind, Sql.Ms(r.At), Sql.Ms(batch.ReceivedAt),
                values, (int)r.Verdict.Status, verdict, VerificationRules.Version);
            _insertReading.ExecuteNonQuery();
        }

        if (ledger is not null && row.Leaf is { } leaf)
        {
            _ledger.Append(ledger, LedgerLeaf.BatchKind, LedgerLeaf.BatchSubject(device, batch.Sequence), leaf, device, Sql.Stored(batch.Sequence));
        }

        Sql.Set(_saveState, device, Sql.Ms(batch.ReceivedAt), batch.Source, batch.SessionId, batch.FirmwareDigest);
        _saveState.ExecuteNonQuery();
        return CommitOutcome.Stored;
    }

    /// <summary>Logs an access and appends its entry to the ledger; returns its number.</summary>
    public long Write(AccessEntry a, MerkleFrontier ledger)
    {
        var at = Sql.Ms(a.At);
        Sql.Set(_insertAccess, at, a.UserId, a.Role, a.PatientId.Value, a.What, a.Purpose, a.BreakGlassId, ledger.Size);
        var id = Convert.ToInt64(_insertAccess.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        var reason = Array.Empty<byte>();
        if (a.BreakGlassId is { } grant)
        {
            Sql.Set(_grantReason, grant);
            reason = _grantReason.ExecuteScalar() as byte[] ?? throw new InvalidDataException($"break-glass grant {grant} does not exist");
        }

        var leaf = LedgerLeaf.Access(id, at, a.UserId, a.Role, a.PatientId.Value, a.What, a.Purpose, a.BreakGlassId, reason);
        _ledger.Append(ledger, LedgerLeaf.AccessKind, LedgerLeaf.AccessSubject(id), leaf, access: id);
        return id;
    }

    /// <summary>Stores a security event and, with a ledger, appends its entry.</summary>
    public CommitOutcome Write(SecurityEvent e, MerkleFrontier? ledger)
    {
        Sql.Set(_insertEvent, Sql.Ms(e.At), e.Code, e.Principal, e.Source, e.DeviceId, e.Detail, e.Count);
        var id = Convert.ToInt64(_insertEvent.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (ledger is not null)
        {
            using var facts = new FactRecorder(_connection, _transaction!, _ledger, ledger);
            facts.Record(FactKinds.SecurityEvent, id);
        }

        return CommitOutcome.Stored;
    }

    public void Dispose()
    {
        foreach (var command in _all)
        {
            command.Dispose();
        }

        _ledger.Dispose();
    }
}

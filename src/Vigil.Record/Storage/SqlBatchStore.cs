using System.Buffers.Binary;
using Vigil.Domain.Devices;
using Vigil.Domain.Verification;
using Vigil.Record.Batches;
using Vigil.Record.Encryption;
using Vigil.Record.Ledger;

namespace Vigil.Record.Storage;

/// <summary>
/// Batches: sealed and given their ledger leaf on the caller's thread (so the work spreads over
/// the device actors), then written by the group committer; read on their own connections.
/// </summary>
internal sealed class SqlBatchStore(RecordDatabase database, GroupCommitter committer, RecordCipher cipher, bool ledger) : IBatchStore
{
    public Task<CommitOutcome> CommitAsync(AcceptedBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return committer.CommitAsync(Prepare(batch), cancellationToken);
    }

    public async Task<IReadOnlyList<ulong>> RecentSequencesAsync(DeviceId device, int count, CancellationToken cancellationToken = default)
    {
        // Sequence numbers are stored by bit pattern, so those above 2^63 would sort last here;
        // no device counts that far, and the device actor asks the record about any number its
        // window cannot place.
        await using var connection = await database.OpenAsync(cancellationToken);
        var sequences = await Sql.QueryAsync(
            connection, null, "SELECT sequence FROM batches WHERE device_id = @d ORDER BY sequence DESC LIMIT @n;", r => r.Sequence(0), cancellationToken,
            ("@d", device.Value), ("@n", count));
        sequences.Reverse();
        return sequences;
    }

    public async Task<IReadOnlyList<SessionSpan>> SessionsAsync(DeviceId device, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.QueryAsync(
            connection, null,
            """
            SELECT session_id, min(session_start), min(sequence), max(sequence), min(created_at), max(created_at)
            FROM batches WHERE device_id = @d GROUP BY session_id;
            """,
            r => new SessionSpan(
                BinaryPrimitives.ReadUInt128BigEndian(r.Bytes(0)),
                r.IsDBNull(1) ? r.Time(4) : DateTimeOffset.FromUnixTimeSeconds(r.Long(1)),
                r.Sequence(2), r.Sequence(3), r.Time(4), r.Time(5)), cancellationToken,
            ("@d", device.Value));
    }

    public async Task<(ulong Sequence, DateTimeOffset Created)?> LatestAsync(DeviceId device, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var latest = await Sql.QueryAsync(
            connection, null, "SELECT sequence, created_at FROM batches WHERE device_id = @d ORDER BY sequence DESC LIMIT 1;",
            r => (r.Sequence(0), r.Time(1)), cancellationToken, ("@d", device.Value));
        return latest.Count == 0 ? null : latest[0];
    }

    public async Task<StoredBatch?> FindBatchAsync(DeviceId device, ulong sequence, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await Sql.QueryAsync(
            connection, null,
            "SELECT created_at, received_at, source, envelope_sha256, patient_id, sealed_batch, reading_count, quarantined FROM batches WHERE device_id = @d AND sequence = @s;",
            r => new StoredBatch(
                device, sequence, r.Time(0), r.Time(1), r.GetString(2), r.Bytes(3),
                cipher.Open(r.TextOrNull(4), SealedFields.SignedBatch(device.Value, sequence), r.Bytes(5)), r.Int(6), r.Int(7) != 0), cancellationToken,
            ("@d", device.Value), ("@s", Sql.Stored(sequence)))).SingleOrDefault();
    }

    public async Task<long> CountBatchesAsync(DeviceId? device = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return device is { } d
            ? await Sql.ScalarLongAsync(connection, null, "SELECT count(*) FROM batches WHERE device_id = @d;", cancellationToken, ("@d", d.Value))
            : await Sql.ScalarLongAsync(connection, null, "SELECT count(*) FROM batches;", cancellationToken);
    }

    public async Task<IReadOnlyList<DeviceActivity>> ActivityAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.QueryAsync(
            connection, null, "SELECT device_id, last_seen, last_source, batches FROM device_state ORDER BY device_id;",
            r => new DeviceActivity(DeviceId.Parse(r.GetString(0)), r.Time(1), r.GetString(2), r.Long(3)), cancellationToken);
    }

    public async Task<IReadOnlyList<ulong>> ListSequencesAsync(DeviceId device, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var sequences = await Sql.QueryAsync(connection, null, "SELECT sequence FROM batches WHERE device_id = @d;", r => r.Sequence(0), cancellationToken, ("@d", device.Value));
        sequences.Sort();
        return sequences;
    }

    private BatchRow Prepare(AcceptedBatch batch)
    {
        var device = batch.DeviceId.Value;
        var patient = batch.PatientId?.Value;
        var sealedBatch = cipher.Seal(patient, SealedFields.SignedBatch(device, batch.Sequence), batch.SignedBatch);
        var readings = new List<ReadingRow>(batch.Readings?.Count ?? 0);
        var digest = new LedgerLeaf.ReadingsDigest();
        foreach (var r in batch.Readings ?? [])
        {
            var values = cipher.Seal(patient, SealedFields.ReadingValues(device, r.Sequence, r.Index), SealedFields.EncodeValues(r.Values, r.Unit, r.Flags, r.Code));
            var verdict = cipher.Seal(patient, SealedFields.Verdict(device, r.Sequence, r.Index, 1), r.Verdict.ToString());
            readings.Add(new ReadingRow(r, values, verdict));
            digest.Add(r.Index, (int)r.Kind, Sql.Ms(r.At), values, (int)r.Verdict.Status, verdict);
        }

        var columns = new BatchColumns(
            device, batch.Sequence, Sql.Ms(batch.Created), Sql.Ms(batch.ReceivedAt), patient, batch.Source, batch.SessionId, batch.SessionStart,
            batch.FirmwareDigest, batch.Quarantined, readings.Count > 0 ? VerificationRules.Version : null);
        var leaf = ledger ? LedgerLeaf.Batch(columns, batch.EnvelopeDigest, sealedBatch, batch.ReadingCount, digest.Finish()) : null;
        return new BatchRow(batch, sealedBatch, readings, leaf);
    }
}

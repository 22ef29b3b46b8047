using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Vigil.Record.Ledger;

namespace Vigil.Record.Storage;

/// <summary>
/// The audit's read of the batches, in key order, each with its leaf rebuilt from its row and
/// the digest of its readings; readings that sort between batches belong to no batch and are
/// named as such. The readings are digested by <see cref="ReadingDigester"/>, running ahead in the
/// same order, so that the two scans share the machine's cores.
/// </summary>
internal sealed class AuditBatches(RecordDatabase database)
{
    private static readonly byte[] EmptyDigest = System.Security.Cryptography.SHA256.HashData([]);

    // A few chunks of digests in flight: enough for neither side to wait on the other's every chunk.
    private const int ChunksAhead = 4;

    /// <summary>Every batch, and every reading without one, in the batches' order.</summary>
    public async IAsyncEnumerable<RecordedSubject> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var order = database.OrdinalCollation;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<List<BatchReadings>>(new BoundedChannelOptions(ChunksAhead) { SingleReader = true, SingleWriter = true });

        // Started on a thread of its own, as a pool thread could wait for the pool to grow while
        // the audit's other passes hold it; once it has waited for room in the channel, it goes on
        // where the pool resumes it.
        var producer = Task.Factory.StartNew(
            () => new ReadingDigester(database).WriteAsync(channel.Writer, stop.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        try
        {
            var digests = new ReadingDigestQueue(channel.Reader);
            await using var batch = await database.ScanAsync(
                $"""
                SELECT device_id, sequence, received_at, patient_id, envelope_sha256, sealed_batch, reading_count, ledger_idx,
                       created_at, source, session_id, session_start, firmware_digest, quarantined, leaf_version
                FROM batches ORDER BY device_id{order}, sequence;
                """,
                cancellationToken);
            var ahead = await digests.NextAsync(cancellationToken);
            while (await batch.ReadAsync(cancellationToken))
            {
                var device = batch.Text(0);
                var sequence = batch.Long(1);

                // Readings that sort before this batch belong to no batch at all.
                while (ahead is { } orphan && orphan.CompareTo(device, sequence) < 0)
                {
                    foreach (var index in orphan.Indexes)
                    {
                        yield return Orphan(orphan, index);
                    }

                    ahead = await digests.NextAsync(cancellationToken);
                }

                BatchReadings? own = null;
                if (ahead is { } readings && readings.CompareTo(device, sequence) == 0)
                {
                    own = readings;
                    ahead = await digests.NextAsync(cancellationToken);
                }

                yield return Recorded(batch, device, sequence, own);
            }

            for (; ahead is { } orphan; ahead = await digests.NextAsync(cancellationToken))
            {
                foreach (var index in orphan.Indexes)
                {
                    yield return Orphan(orphan, index);
                }
            }
        }
        finally
        {
            // The digester ends on the cancellation (or has ended) and never throws: it hands its
            // failure over the channel.
            await stop.CancelAsync();
            await producer;
        }
    }

    // The batch in the scan's current row, with its leaf rebuilt from the row and its readings.
    private static RecordedSubject Recorded(RowScan batch, string device, long sequence, BatchReadings? own)
    {
        var digest = EmptyDigest;
        var patient = batch.TextOrNull(3);
        var received = batch.Long(2);
        int? rules = null;
        if (own is not null)
        {
            // The readings' own patient, received time and ingest verdict are the batch's: they
            // decide whose readings a clinician sees, and when. A reading that says otherwise puts
            // its value in the rebuilt leaf, which then names the field.
            digest = own.Digest;
            patient = !own.Consistent ? $"{patient ?? "-"} (its readings disagree)"
                : own.Patient != patient ? $"{patient ?? "-"} (its readings: {own.Patient ?? "-"})" : patient;
            received = own.Received == received ? received : long.MinValue;
            rules = own.IngestHolds ? own.Rules : -1;
        }

        var unsigned = unchecked((ulong)sequence);
        var claim = batch.IsNull(7) ? (long?)null : batch.Long(7);
        var leaf = batch.IsNull(14)
            ? LedgerLeaf.Batch(device, unsigned, received, patient, batch.Blob(4), batch.Blob(5), batch.Int(6), digest)
            : LedgerLeaf.Batch(
                new BatchColumns(
                    device, unsigned, batch.Long(8), received, patient, batch.Text(9), batch.Blob(10), batch.IsNull(11) ? null : batch.Long(11),
                    batch.Blob(12), batch.Long(13) != 0, batch.Long(14) == 3 ? rules : -1),
                batch.Blob(4), batch.Blob(5), batch.Int(6), digest);
        return new RecordedSubject(LedgerLeaf.BatchSubject(device, unsigned), claim, leaf);
    }

    private static RecordedSubject Orphan(BatchReadings readings, int index)
    {
        var batch = LedgerLeaf.BatchSubject(readings.Device, unchecked((ulong)readings.Sequence));
        return new($"{batch} reading {index} (no such batch)", null, null, batch);
    }
}

using System.Threading.Channels;
using Vigil.Record.Ledger;

namespace Vigil.Record.Storage;

/// <summary>
/// The digests of the readings of each (device, sequence), in the batches' order, with what the
/// readings say of their batch, handed over a chunk at a time (one hand-over per reading would
/// cost more than the reading's digest) to <see cref="AuditBatches"/>.
/// </summary>
internal sealed class ReadingDigester(RecordDatabase database)
{
    private const int ChunkSize = 4096;
    private const string IngestCause = "ingest";

    /// <summary>Writes every batch's readings to <paramref name="output"/>, then completes it; a failure completes it too, with the failure.</summary>
    public async Task WriteAsync(ChannelWriter<List<BatchReadings>> output, CancellationToken cancellationToken)
    {
        try
        {
            await DigestAsync(output, cancellationToken);
            output.TryComplete();
        }
        catch (Exception e)
        {
            output.TryComplete(e);
        }
    }

    private async Task DigestAsync(ChannelWriter<List<BatchReadings>> output, CancellationToken cancellationToken)
    {
        // A reading's verdict at ingest is in the history once the verdict was revised. The two
        // are merged here as two scans in the same order: a join would search the history once
        // per reading, which costs more than the whole scan of the readings. The history is read
        // second, so it sees at least what the readings' scan saw: a revision moves the ingest
        // verdict there in the transaction that changes the reading.
        var order = database.OrdinalCollation;
        await using var reading = await database.ScanAsync(
            $"""
            SELECT device_id, sequence, idx, kind, at, sealed_values, status, sealed_verdict,
                   patient_id, received_at, rules_version, verdict_version, verdict_cause, verdict_at
            FROM readings ORDER BY device_id{order}, sequence, idx;
            """,
            cancellationToken);
        var more = await reading.ReadAsync(cancellationToken);
        await using var firstVerdicts = await database.ScanAsync(
            $"SELECT device_id, sequence, idx, status, sealed_verdict, rules_version, cause, decided_at FROM verdict_history WHERE version = 1 ORDER BY device_id{order}, sequence, idx;",
            cancellationToken);
        var first = await FirstVerdict.NextAsync(firstVerdicts, cancellationToken);
        var digest = new LedgerLeaf.ReadingsDigest();
        var chunk = new List<BatchReadings>(ChunkSize);
        string? device = null;
        long sequence = 0;
        var indexes = new List<int>();
        var context = new ReadingsContext();
        for (; more; more = await reading.ReadAsync(cancellationToken))
        {
            var rowDevice = reading.Text(0);
            var rowSequence = reading.Long(1);
            var index = reading.Int(2);
            if (device is not null && (rowSequence != sequence || rowDevice != device))
            {
                chunk.Add(context.Finish(device, sequence, digest.Finish(), indexes));
                indexes = [];
                if (chunk.Count == ChunkSize)
                {
                    await WriteAsync(output, chunk, cancellationToken);
                    chunk = new List<BatchReadings>(ChunkSize);
                }
            }

            (device, sequence) = (rowDevice, rowSequence);
            while (first is { } f && f.CompareTo(device, sequence, index) < 0)
            {
                first = await FirstVerdict.NextAsync(firstVerdicts, cancellationToken);
            }

            indexes.Add(index);
            if (first is { } ingest && ingest.CompareTo(device, sequence, index) == 0)
            {
                AddWithIngestVerdict(reading, index, digest, context, ingest);
                first = await FirstVerdict.NextAsync(firstVerdicts, cancellationToken);
            }
            else
            {
                Add(reading, index, digest, context);
            }
        }

        if (device is not null)
        {
            chunk.Add(context.Finish(device, sequence, digest.Finish(), indexes));
        }

        if (chunk.Count > 0)
        {
            await WriteAsync(output, chunk, cancellationToken);
        }
    }

    // A reading whose verdict was never revised: its row holds its verdict at ingest.
    private static void Add(RowScan reading, int index, LedgerLeaf.ReadingsDigest digest, ReadingsContext context)
    {
        var received = reading.Long(9);
        digest.Add(index, reading.Int(3), reading.Long(4), reading.Blob(5), reading.Int(6), reading.Blob(7));
        context.Add(
            reading.TextOrNull(8), received, reading.Int(10),
            reading.Long(11) == 1 && reading.Text(12) == IngestCause && reading.Long(13) == received);
    }

    // A revised reading: its verdict at ingest is the history's first version.
    private static void AddWithIngestVerdict(RowScan reading, int index, LedgerLeaf.ReadingsDigest digest, ReadingsContext context, FirstVerdict ingest)
    {
        var received = reading.Long(9);
        digest.Add(index, reading.Int(3), reading.Long(4), reading.Blob(5), ingest.Status, ingest.SealedVerdict);
        context.Add(reading.TextOrNull(8), received, ingest.Rules, ingest.Cause == IngestCause && ingest.DecidedAt == received);
    }

    private static ValueTask WriteAsync(ChannelWriter<List<BatchReadings>> output, List<BatchReadings> chunk, CancellationToken cancellationToken) =>
        output.TryWrite(chunk) ? ValueTask.CompletedTask : output.WriteAsync(chunk, cancellationToken);
}

using Vigil.Record.Ledger;

namespace Vigil.Record.Storage;

/// <summary>
/// The record as the auditor reads it, in sequential scans: the ledger by index; batches by key,
/// merged with their readings (and the ingest verdicts kept in the history) read in the same
/// order; accesses by number, with their break-glass grants; verdict revisions. Leaves hold digests of the stored
/// (sealed) fields, so no key is needed: an auditor checks the record without being able to read it.
/// </summary>
internal sealed class SqlAuditSource(RecordDatabase database) : IAuditSource
{
    public IEnumerable<(long Index, byte[] LeafHash, string? FactSubject, bool Removed)> LeafHashes()
    {
        using var scan = database.Scan("SELECT idx, leaf FROM ledger ORDER BY idx;");
        while (scan.Read())
        {
            var index = scan.Long(0);
            var leaf = scan.Blob(1);
            var hash = MerkleHash.Leaf(leaf);
            var fact = FactLeaf.TryRead(leaf, out var subject, out var removed);
            yield return (index, hash, fact ? subject : null, removed);
        }
    }

    public LedgerEntry? Entry(long index)
    {
        using var connection = database.Open();
        return Sql.Query(
            connection, null, "SELECT idx, kind, subject, leaf FROM ledger WHERE idx = @i;",
            r => new LedgerEntry(r.Long(0), r.GetString(1), r.GetString(2), r.Bytes(3)), ("@i", index)).SingleOrDefault();
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

    public IEnumerable<RecordedSubject> Recorded() => Batches().Concat(Accesses()).Concat(Revisions()).Concat(Facts());

    // Every row of every kind of fact, with the leaf of the row as it stands.
    private IEnumerable<RecordedSubject> Facts()
    {
        foreach (var kind in FactKinds.All)
        {
            var keys = string.Join(", ", kind.Key.Select(k => k.Column));
            using var connection = database.Open();
            using var command = Sql.Command(connection, $"SELECT {kind.SelectList} FROM {kind.Table} ORDER BY {keys};");
            using var r = command.ExecuteReader();
            var count = r.FieldCount - 1;
            while (r.Read())
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

    private IEnumerable<RecordedSubject> Batches()
    {
        // The readings are digested on a thread of their own, running ahead of the batches in the
        // same order, so that the two scans share the machine's cores.
        var order = database.OrdinalCollation;
        using var stop = new CancellationTokenSource();
        var digests = System.Threading.Channels.Channel.CreateBounded<List<BatchReadings>>(new System.Threading.Channels.BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var producer = Task.Factory.StartNew(
            () => DigestReadings(order, digests.Writer, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var pending = new Queue<BatchReadings>();
        try
        {
            using var batch = database.Scan(
                $"""
                SELECT device_id, sequence, received_at, patient_id, envelope_sha256, sealed_batch, reading_count, ledger_idx,
                       created_at, source, session_id, session_start, firmware_digest, quarantined, leaf_version
                FROM batches ORDER BY device_id{order}, sequence;
                """);
            var ahead = Next(digests.Reader, pending);
            while (batch.Read())
            {
                var device = batch.Text(0);
                var sequence = batch.Long(1);

                // Readings that sort before this batch belong to no batch at all.
                while (ahead is { } orphan && Compare(orphan, device, sequence) < 0)
                {
                    foreach (var index in orphan.Indexes)
                    {
                        yield return Orphan(orphan, index);
                    }

                    ahead = Next(digests.Reader, pending);
                }

                var digest = EmptyDigest;
                var patient = batch.TextOrNull(3);
                var received = batch.Long(2);
                int? rules = null;
                if (ahead is { } own && Compare(own, device, sequence) == 0)
                {
                    // The readings' own patient, received time and ingest verdict are the batch's:
                    // they decide whose readings a clinician sees, and when. A reading that says
                    // otherwise puts its value in the rebuilt leaf, which then names the field.
                    digest = own.Digest;
                    patient = !own.Consistent ? $"{patient ?? "-"} (its readings disagree)"
                        : own.Patient != patient ? $"{patient ?? "-"} (its readings: {own.Patient ?? "-"})" : patient;
                    received = own.Received == received ? received : long.MinValue;
                    rules = own.IngestHolds ? own.Rules : -1;
                    ahead = Next(digests.Reader, pending);
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
                yield return new RecordedSubject(LedgerLeaf.BatchSubject(device, unsigned), claim, leaf);
            }

            for (; ahead is { } orphan; ahead = Next(digests.Reader, pending))
            {
                foreach (var index in orphan.Indexes)
                {
                    yield return Orphan(orphan, index);
                }
            }
        }
        finally
        {
            stop.Cancel();
            try
            {
                producer.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static readonly byte[] EmptyDigest = System.Security.Cryptography.SHA256.HashData([]);

    // The digests of the readings of each (device, sequence), in the batches' order, handed over
    // a chunk at a time (one hand-over per reading would cost more than the reading's digest).
    private const int ChunkSize = 4096;

    private void DigestReadings(string order, System.Threading.Channels.ChannelWriter<List<BatchReadings>> output, CancellationToken cancellationToken)
    {
        try
        {
            // A reading's verdict at ingest is in the history once the verdict was revised. The
            // two are merged here as two scans in the same order: a join would search the history
            // once per reading, which costs more than the whole scan of the readings. The history
            // is read second, so it sees at least what the readings' scan saw: a revision moves the
            // ingest verdict there in the transaction that changes the reading.
            using var reading = database.Scan(
                $"""
                SELECT device_id, sequence, idx, kind, at, sealed_values, status, sealed_verdict,
                       patient_id, received_at, rules_version, verdict_version, verdict_cause, verdict_at
                FROM readings ORDER BY device_id{order}, sequence, idx;
                """);
            var more = reading.Read();
            using var firstVerdicts = database.Scan(
                $"SELECT device_id, sequence, idx, status, sealed_verdict, rules_version, cause, decided_at FROM verdict_history WHERE version = 1 ORDER BY device_id{order}, sequence, idx;");
            var first = NextFirstVerdict(firstVerdicts);
            var digest = new LedgerLeaf.ReadingsDigest();
            var chunk = new List<BatchReadings>(ChunkSize);
            string? device = null;
            long sequence = 0;
            var indexes = new List<int>();
            var context = new ReadingsContext();
            for (; more; more = reading.Read())
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
                        Write(output, chunk, cancellationToken);
                        chunk = new List<BatchReadings>(ChunkSize);
                    }
                }

                (device, sequence) = (rowDevice, rowSequence);
                while (first is { } f && Compare(f, device, sequence, index) < 0)
                {
                    first = NextFirstVerdict(firstVerdicts);
                }

                indexes.Add(index);
                var readingReceived = reading.Long(9);
                if (first is { } ingest && Compare(ingest, device, sequence, index) == 0)
                {
                    digest.Add(index, reading.Int(3), reading.Long(4), reading.Blob(5), ingest.Status, ingest.SealedVerdict);
                    context.Add(reading.TextOrNull(8), readingReceived, ingest.Rules, ingest.Cause == IngestCause && ingest.DecidedAt == readingReceived);
                    first = NextFirstVerdict(firstVerdicts);
                }
                else
                {
                    digest.Add(index, reading.Int(3), reading.Long(4), reading.Blob(5), reading.Int(6), reading.Blob(7));
                    context.Add(
                        reading.TextOrNull(8), readingReceived, reading.Int(10),
                        reading.Long(11) == 1 && reading.Text(12) == IngestCause && reading.Long(13) == readingReceived);
                }
            }

            if (device is not null)
            {
                chunk.Add(context.Finish(device, sequence, digest.Finish(), indexes));
            }

            if (chunk.Count > 0)
            {
                Write(output, chunk, cancellationToken);
            }

            output.TryComplete();
        }
        catch (Exception e)
        {
            output.TryComplete(e);
        }
    }

    private static FirstVerdict? NextFirstVerdict(RowScan scan) =>
        scan.Read() ? new FirstVerdict(scan.Text(0), scan.Long(1), scan.Int(2), scan.Int(3), scan.Blob(4).ToArray(), scan.Int(5), scan.Text(6), scan.Long(7)) : null;

    private static int Compare(FirstVerdict verdict, string device, long sequence, int index)
    {
        var byDevice = string.CompareOrdinal(verdict.Device, device);
        return byDevice != 0 ? byDevice : verdict.Sequence != sequence ? verdict.Sequence.CompareTo(sequence) : verdict.Index.CompareTo(index);
    }

    private static void Write(System.Threading.Channels.ChannelWriter<List<BatchReadings>> output, List<BatchReadings> chunk, CancellationToken cancellationToken)
    {
        if (!output.TryWrite(chunk))
        {
            output.WriteAsync(chunk, cancellationToken).AsTask().GetAwaiter().GetResult();
        }
    }

    private static BatchReadings? Next(System.Threading.Channels.ChannelReader<List<BatchReadings>> input, Queue<BatchReadings> pending)
    {
        if (pending.TryDequeue(out var item))
        {
            return item;
        }

        // Completion rethrows the producer's failure, if it failed.
        while (input.TryRead(out var chunk) || (input.WaitToReadAsync().AsTask().GetAwaiter().GetResult() && input.TryRead(out chunk)))
        {
            foreach (var readings in chunk)
            {
                pending.Enqueue(readings);
            }

            if (pending.TryDequeue(out item))
            {
                return item;
            }
        }

        return null;
    }

    private IEnumerable<RecordedSubject> Accesses()
    {
        using var connection = database.Open();
        using var command = Sql.Command(
            connection,
            """
            SELECT a.id, a.at, a.user_id, a.role, a.patient_id, a.what, a.purpose, a.break_glass_id, g.sealed_reason, a.ledger_idx
            FROM access_log a LEFT JOIN break_glass g ON g.id = a.break_glass_id ORDER BY a.id;
            """);
        using var r = command.ExecuteReader();
        while (r.Read())
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
    private IEnumerable<RecordedSubject> Revisions()
    {
        using var connection = database.Open();
        using var command = Sql.Command(
            connection,
            """
            SELECT device_id, sequence, idx, version, status, sealed_verdict, rules_version, cause, decided_at, ledger_idx
              FROM verdict_history WHERE version > 1
            UNION ALL
            SELECT device_id, sequence, idx, verdict_version, status, sealed_verdict, rules_version, verdict_cause, verdict_at, verdict_ledger_idx
              FROM readings WHERE verdict_version > 1;
            """);
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var (device, sequence, index, version) = (r.GetString(0), r.Sequence(1), r.Int(2), r.Int(3));
            yield return new RecordedSubject(
                LedgerLeaf.VerdictSubject(device, sequence, index, version), r.IsDBNull(9) ? null : r.Long(9),
                LedgerLeaf.Verdict(device, sequence, index, version, r.Int(4), r.Bytes(5), r.Int(6), r.GetString(7), r.Long(8)));
        }
    }

    // Device ids are ASCII, so ordinal comparison agrees with the databases' binary order.
    private static int Compare(BatchReadings readings, string device, long sequence)
    {
        var byDevice = string.CompareOrdinal(readings.Device, device);
        return byDevice != 0 ? byDevice : readings.Sequence.CompareTo(sequence);
    }

    private static RecordedSubject Orphan(BatchReadings readings, int index)
    {
        var batch = LedgerLeaf.BatchSubject(readings.Device, unchecked((ulong)readings.Sequence));
        return new($"{batch} reading {index} (no such batch)", null, null, batch);
    }

    // A reading's verdict at ingest, kept in the history since the verdict was revised.
    private sealed record FirstVerdict(string Device, long Sequence, int Index, int Status, byte[] SealedVerdict, int Rules, string Cause, long DecidedAt);

    // The readings stored under one (device, sequence): their digest, their indexes, and what they
    // all say of their batch (patient, received time, ingest rules), unless they disagree.
    private sealed record BatchReadings(
        string Device, long Sequence, byte[] Digest, List<int> Indexes, string? Patient, long Received, int? Rules, bool Consistent, bool IngestHolds);

    private const string IngestCause = "ingest";

    // What the readings of one batch say of it, gathered as they are read.
    private sealed class ReadingsContext
    {
        private bool _any;
        private string? _patient;
        private long _received;
        private int _rules;
        private bool _consistent = true;
        private bool _ingestHolds = true;

        public void Add(string? patient, long received, int rules, bool ingestVerdictHolds)
        {
            if (!_any)
            {
                (_any, _patient, _received, _rules) = (true, patient, received, rules);
            }
            else if (patient != _patient || received != _received || rules != _rules)
            {
                _consistent = false;
            }

            _ingestHolds &= ingestVerdictHolds;
        }

        public BatchReadings Finish(string device, long sequence, byte[] digest, List<int> indexes)
        {
            var readings = new BatchReadings(device, sequence, digest, indexes, _patient, _received, _any ? _rules : null, _consistent, _ingestHolds);
            (_any, _patient, _received, _rules, _consistent, _ingestHolds) = (false, null, 0, 0, true, true);
            return readings;
        }
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Vigil.Record.Ledger;

/// <summary>
/// Recomputes the ledger and holds the record against it (T17), in three passes that each read
/// in the order the data lies (no lookups per entry):
/// <list type="number">
/// <item>the ledger in index order: entries must be contiguous; the tree is recomputed from the
/// leaves and compared with every signed checkpoint; each leaf's hash is kept (32 bytes an
/// entry);</item>
/// <item>the record (batches with their readings, accesses, verdict revisions): each one's leaf is rebuilt from what
/// is stored now and must hash to the entry it claims, which no other may claim;</item>
/// <item>entries nothing in the record matched: what they recorded was deleted.</item>
/// </list>
/// It audits the ledger up to its edge when it begins, while Vigil goes on writing.
/// An edit of a stored reading is named by its entry; something inserted behind Vigil's back by
/// its subject; an edit of the ledger itself that was made to match shows as a checkpoint that no
/// longer holds, which bounds the entries concerned.
/// </summary>
public sealed class LedgerAudit(ILedger ledger, IAuditSource source)
{
    private const int ProgressEvery = 16_384;
    private const int MaxFindings = 1000;
    private const string Deleted = "what it records was deleted from the record";
    private const string Inserted = "this is in the record but not in the ledger: it was inserted behind Vigil's back";
    private const string Undone = "the record holds an earlier version of it: this later change was undone behind Vigil's back";

    /// <summary>Verifies everything; checkpoints must verify with <paramref name="checkpointKey"/> under <paramref name="origin"/>.</summary>
    public AuditReport Verify(ECDsa checkpointKey, string origin, IProgress<long>? progress = null)
    {
        var findings = new List<AuditFinding>();
        var checkpoints = Checkpoints(checkpointKey, origin, findings);

        // Vigil keeps writing while the audit reads, and each pass reads at its own moment. The
        // audit covers the ledger as its edge stood when it began (every checkpoint read above
        // is within it): what claims a later entry was written during the audit, which its edge
        // at the end bounds, and is left to the next audit.
        var (size, root) = ledger.Head();

        // The two reads overlap, on two cores: the ledger's (the tree) and the record's, which
        // holds each thing against the entry it claims. The tree runs on a thread of its own: on
        // a pool thread it could wait for the pool to grow.
        var hashes = new LeafHashes(size);
        var facts = new FactHistory();
        var tree = Task.Factory.StartNew(
            () => VerifyTree(checkpoints, hashes, facts, size, progress), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var matched = new Bits(size);
        var pending = new PendingHashes(size);
        var unmatched = new HashSet<long>();
        var recordFindings = new List<AuditFinding>();
        var later = new List<RecordedSubject>();
        var recordedFacts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var recorded in source.Recorded())
        {
            if (recordFindings.Count > MaxFindings)
            {
                break;
            }

            if (recorded.IsFact)
            {
                recordedFacts.Add(recorded.Subject);
            }

            if (recorded.LedgerIndex >= size || recorded.Batch is not null)
            {
                later.Add(recorded with { Leaf = null });
                continue;
            }

            Claim(recorded, hashes, matched, pending, unmatched, recordFindings);
        }

        var (frontier, treeFindings) = tree.GetAwaiter().GetResult();
        unmatched.UnionWith(pending.Unmatched(hashes, size));
        Recheck(unmatched, size, hashes, matched, recordFindings);
        findings.AddRange(treeFindings);
        findings.AddRange(recordFindings);
        findings.AddRange(WrittenSince(size, later));
        foreach (var i in matched.Where(set: false, frontier.Size))
        {
            if (findings.Count > MaxFindings)
            {
                break;
            }

            // A fact's older entries are superseded by its newest; a newest that records the
            // row's removal is claimed by nothing.
            if (facts.IsSuperseded(i) || (facts.IsNewest(i, out var subject, out var removed) && removed))
            {
                continue;
            }

            findings.Add(facts.IsNewest(i, out subject, out _) && recordedFacts.Contains(subject)
                ? new AuditFinding(i, subject, Undone)
                : new AuditFinding(i, source.Entry(i)?.Subject ?? "ledger", Deleted));
        }

        foreach (var (subject, index) in facts.Removed())
        {
            if (recordedFacts.Contains(subject))
            {
                findings.Add(new AuditFinding(index, subject, "Vigil removed it (this entry), but it is in the record again: it was put back behind Vigil's back"));
            }
        }

        if (size != frontier.Size || !root.AsSpan().SequenceEqual(frontier.Root()))
        {
            findings.Add(new AuditFinding(null, "ledger state", $"the ledger's recorded edge (size {size}) does not match its {frontier.Size} entries"));
        }

        return new AuditReport(frontier.Size, checkpoints.Count, frontier.Root(), findings);
    }

    // What claimed an entry past the audit's start, or was a reading whose batch the record's pass
    // did not see: written during the audit if the ledger's edge now covers it (or its batch);
    // otherwise it was put there behind Vigil's back.
    private IEnumerable<AuditFinding> WrittenSince(long size, List<RecordedSubject> later)
    {
        if (later.Count == 0)
        {
            yield break;
        }

        var end = ledger.Head().Size;
        foreach (var recorded in later)
        {
            var written = recorded.Batch is { } batch
                ? ledger.Find(LedgerLeaf.BatchKind, batch) is { } entry && entry.Index >= size
                : recorded.LedgerIndex < end;
            if (!written)
            {
                yield return new AuditFinding(null, recorded.Subject, Inserted);
            }
        }
    }

    private (MerkleFrontier Frontier, List<AuditFinding> Findings) VerifyTree(
        List<Checkpoint> checkpoints, LeafHashes hashes, FactHistory facts, long size, IProgress<long>? progress)
    {
        var findings = new List<AuditFinding>();
        var frontier = new MerkleFrontier();
        var blocks = ledger.BlockHashes(size / LedgerBlocks.Size);
        var next = 0;
        var lastGood = 0L;
        long expected = 0;
        for (; next < checkpoints.Count && checkpoints[next].Size == 0; next++)
        {
            if (!checkpoints[next].RootHash.AsSpan().SequenceEqual(MerkleHash.Empty))
            {
                findings.Add(new AuditFinding(null, "checkpoint 0", "the checkpoint of the empty ledger does not carry the empty tree's root"));
            }
        }

        foreach (var entry in source.LeafHashes())
        {
            if (expected == size)
            {
                break;
            }

            if (entry.Index != expected)
            {
                findings.Add(new AuditFinding(expected, "ledger", $"entries {expected} to {entry.Index - 1} are missing from the ledger"));
                return (frontier, findings);
            }

            hashes.Add(entry.LeafHash);
            if (entry.FactSubject is { } fact)
            {
                facts.Add(entry.Index, fact, entry.Removed);
            }

            frontier.Append(entry.LeafHash, LedgerBlocks.Height, out var block);
            expected++;
            if (block is not null && (frontier.Size / LedgerBlocks.Size) - 1 is var b && b < blocks.Count && blocks[(int)b] is { } stored && !stored.AsSpan().SequenceEqual(block))
            {
                // Not the record's data, but proofs through this block would fail to verify.
                findings.Add(new AuditFinding(
                    null, $"ledger block {b}", $"the stored hash of entries {b * LedgerBlocks.Size} to {((b + 1) * LedgerBlocks.Size) - 1} does not match them"));
            }

            while (next < checkpoints.Count && checkpoints[next].Size == frontier.Size)
            {
                if (!frontier.Root().AsSpan().SequenceEqual(checkpoints[next].RootHash))
                {
                    findings.Add(new AuditFinding(
                        null, $"checkpoint {checkpoints[next].Size}",
                        $"the ledger no longer matches the checkpoint signed at size {checkpoints[next].Size}: an entry from {lastGood} to {checkpoints[next].Size - 1} was changed in the ledger itself"));
                }
                else
                {
                    lastGood = checkpoints[next].Size;
                }

                next++;
            }

            if (expected % ProgressEvery == 0)
            {
                progress?.Report(expected);
            }
        }

        progress?.Report(expected);
        for (; next < checkpoints.Count; next++)
        {
            findings.Add(new AuditFinding(null, $"checkpoint {checkpoints[next].Size}", $"a checkpoint was signed at size {checkpoints[next].Size} but the ledger holds only {frontier.Size} entries: entries were deleted"));
        }

        return (frontier, findings);
    }

    // The record is read in its own order, so what it holds often claims an entry the tree has
    // not reached yet (a device's batches lie all along the ledger). Rather than wait for the
    // tree, such a claim keeps its leaf's hash until the tree is done.
    private static void Claim(RecordedSubject recorded, LeafHashes hashes, Bits matched, PendingHashes pending, HashSet<long> unmatched, List<AuditFinding> findings)
    {
        if (recorded.LedgerIndex is not { } index || index < 0 || matched[index] || recorded.Leaf is null)
        {
            findings.Add(new AuditFinding(null, recorded.Subject, Inserted));
            return;
        }

        matched.Set(index);
        Span<byte> hash = stackalloc byte[MerkleHash.Length];
        MerkleHash.Leaf(recorded.Leaf, hash);
        if (!hashes.Known(index))
        {
            pending.Add(index, hash);
        }
        else if (!hashes.Matches(index, hash))
        {
            // Named once the tree is done, as a claim that had to wait is.
            unmatched.Add(index);
        }
    }

    // The claims whose leaf did not hash to their entry (or whose entry the ledger does not
    // hold), found again in the record to name what differs: a second read of the record, made
    // only when the first found something.
    private void Recheck(HashSet<long> unmatched, long size, LeafHashes hashes, Bits matched, List<AuditFinding> findings)
    {
        if (unmatched.Count == 0)
        {
            return;
        }

        foreach (var index in unmatched)
        {
            matched.Clear(index);
        }

        foreach (var recorded in source.Recorded())
        {
            if (findings.Count > MaxFindings)
            {
                break;
            }

            if (recorded.LedgerIndex is { } index && index < size && recorded.Batch is null && unmatched.Remove(index))
            {
                Match(recorded, hashes, matched, findings);
            }
        }
    }

    private void Match(RecordedSubject recorded, LeafHashes hashes, Bits matched, List<AuditFinding> findings)
    {
        if (recorded.LedgerIndex is not { } index || index < 0 || !hashes.Known(index) || matched[index] || recorded.Leaf is null)
        {
            findings.Add(new AuditFinding(null, recorded.Subject, Inserted));
            return;
        }

        if (hashes.Matches(index, MerkleHash.Leaf(recorded.Leaf)))
        {
            matched.Set(index);
            return;
        }

        // The claimed entry is for something else: this row was put there, or its claim changed.
        var entry = source.Entry(index);
        if (entry is null || entry.Subject != recorded.Subject)
        {
            findings.Add(new AuditFinding(null, recorded.Subject, Inserted));
            return;
        }

        matched.Set(index);
        findings.Add(new AuditFinding(index, entry.Subject, $"the record no longer matches the ledger: {Difference(entry.Leaf, recorded.Leaf)}"));
    }

    private static string Difference(byte[] recorded, byte[] now)
    {
        var was = Encoding.UTF8.GetString(recorded).Split('\n');
        var @is = Encoding.UTF8.GetString(now).Split('\n');
        var changed = was.Zip(@is).Where(p => p.First != p.Second).Select(p => p.First.Split(' ')[0]).ToList();
        var access = was[0] == LedgerLeaf.Header(LedgerLeaf.AccessKind);
        var batch = was[0] == LedgerLeaf.Header(LedgerLeaf.BatchKind) || was[0] == $"{FactLeaf.Version} {LedgerLeaf.BatchKind}";
        var verdict = was[0] == LedgerLeaf.Header(LedgerLeaf.VerdictKind);
        return changed.Count == 0 ? "the entry differs" : changed[0] switch
        {
            "readings-sha256" => "its readings (values, times or verdicts) were changed",
            "readings" => "readings were added or removed",
            "patient" when batch => "the patient it or its readings are filed under was changed",
            "received" when batch => "its received time, or that of its readings, was changed",
            "rules" when batch => "the verdicts of its readings at ingest (their rules, cause or time) were changed",
            "status" or "sealed-verdict-sha256" when verdict => "the revised verdict (its status or reasons) was changed",
            _ when access => $"the access record's {string.Join(", ", changed)} changed",
            _ => $"its {string.Join(", ", changed)} changed",
        };
    }

    private List<Checkpoint> Checkpoints(ECDsa key, string origin, List<AuditFinding> findings)
    {
        var list = new List<Checkpoint>();
        foreach (var stored in ledger.Checkpoints())
        {
            var body = SignedNote.Open(stored.Note, origin, key);
            if (body is null || Checkpoint.Parse(body) is not { } checkpoint || checkpoint.Origin != origin || checkpoint.Size != stored.Size)
            {
                findings.Add(new AuditFinding(null, $"checkpoint {stored.Size}", "its signature does not verify with the platform signing key"));
                continue;
            }

            if (list.Count > 0 && list[^1].Size >= checkpoint.Size)
            {
                continue;
            }

            list.Add(checkpoint);
        }

        return list;
    }

    // The leaf hashes of a large ledger, in chunks of 65,536 so that no single array grows past
    // what the runtime allows; written by the tree's pass, read by the record's pass once written
    // (a chunk is in place before the count that covers it is published).
    private sealed class LeafHashes(long size)
    {
        private const int Chunk = 1 << 16;
        private readonly byte[]?[] _chunks = new byte[(size + Chunk - 1) / Chunk][];
        private long _count;

        public void Add(byte[] hash)
        {
            var chunk = (int)(_count / Chunk);
            var offset = (int)(_count % Chunk);
            var hashes = _chunks[chunk] ??= new byte[Chunk * MerkleHash.Length];
            hash.CopyTo(hashes.AsSpan(offset * MerkleHash.Length));
            Volatile.Write(ref _count, _count + 1);
        }

        /// <summary>Whether the tree has reached an entry (and so knows its leaf's hash).</summary>
        public bool Known(long index) => Volatile.Read(ref _count) > index;

        public bool Matches(long index, ReadOnlySpan<byte> hash) =>
            _chunks[index / Chunk]!.AsSpan((int)(index % Chunk) * MerkleHash.Length, MerkleHash.Length).SequenceEqual(hash);
    }

    // One bit per ledger entry the audit covers.
    private sealed class Bits(long size)
    {
        private readonly ulong[] _words = new ulong[(size + 63) / 64];

        public bool this[long index] => (_words[index >> 6] & (1UL << (int)(index & 63))) != 0;

        public void Set(long index) => _words[index >> 6] |= 1UL << (int)(index & 63);

        public void Clear(long index) => _words[index >> 6] &= ~(1UL << (int)(index & 63));

        /// <summary>The entries below <paramref name="count"/> whose bit is set (or, with <paramref name="set"/> false, clear), in order.</summary>
        public IEnumerable<long> Where(bool set, long count)
        {
            for (var word = 0; word < _words.Length && (long)word * 64 < count; word++)
            {
                var bits = set ? _words[word] : ~_words[word];
                while (bits != 0)
                {
                    var index = ((long)word * 64) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                    if (index >= count)
                    {
                        yield break;
                    }

                    yield return index;
                    bits &= bits - 1;
                }
            }
        }
    }

    // The leaf hashes of claims made before the tree reached their entry, by entry, in chunks.
    private sealed class PendingHashes(long size)
    {
        private const int Chunk = 1 << 16;
        private readonly byte[]?[] _chunks = new byte[(size + Chunk - 1) / Chunk][];
        private readonly Bits _held = new(size);

        public void Add(long index, ReadOnlySpan<byte> hash)
        {
            var chunk = _chunks[index / Chunk] ??= new byte[Chunk * MerkleHash.Length];
            hash.CopyTo(chunk.AsSpan((int)(index % Chunk) * MerkleHash.Length));
            _held.Set(index);
        }

        /// <summary>Once the tree is done: the entries whose claim does not hash to them, or that the tree never reached.</summary>
        public HashSet<long> Unmatched(LeafHashes hashes, long size)
        {
            var unmatched = new HashSet<long>();
            foreach (var index in _held.Where(set: true, size))
            {
                var hash = _chunks[index / Chunk]!.AsSpan((int)(index % Chunk) * MerkleHash.Length, MerkleHash.Length);
                if (!hashes.Known(index) || !hashes.Matches(index, hash))
                {
                    unmatched.Add(index);
                }
            }

            return unmatched;
        }
    }
}

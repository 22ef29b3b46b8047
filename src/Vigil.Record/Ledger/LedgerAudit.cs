using System.Security.Cryptography;

namespace Vigil.Record.Ledger;

/// <summary>
/// Recomputes the ledger and holds the record against it (T17), in three passes that each read
/// in the order the data lies (no lookups per entry):
/// <list type="number">
/// <item>the ledger in index order (<see cref="LedgerTreePass"/>): entries must be contiguous; the
/// tree is recomputed from the leaves and compared with every signed checkpoint; each leaf's hash
/// is kept (32 bytes an entry);</item>
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
    /// <summary>What a claim that no entry backs is named.</summary>
    internal const string Inserted = "this is in the record but not in the ledger: it was inserted behind Vigil's back";

    private const int MaxFindings = 1000;
    private const string Deleted = "what it records was deleted from the record";
    private const string Undone = "the record holds an earlier version of it: this later change was undone behind Vigil's back";

    /// <summary>Verifies everything; checkpoints must verify with <paramref name="checkpointKey"/> under <paramref name="origin"/>.</summary>
    public async Task<AuditReport> VerifyAsync(ECDsa checkpointKey, string origin, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var findings = new List<AuditFinding>();
        var checkpoints = Checkpoints(checkpointKey, origin, findings);

        // Vigil keeps writing while the audit reads, and each pass reads at its own moment. The
        // audit covers the ledger as its edge stood when it began (every checkpoint read above
        // is within it): what claims a later entry was written during the audit, which its edge
        // at the end bounds, and is left to the next audit.
        var (size, root) = ledger.Head();

        // The two reads overlap, on two cores: the ledger's (the tree) and the record's, which
        // holds each thing against the entry it claims.
        var hashes = new KnownLeafHashes(size);
        var facts = new FactHistory();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tree = new LedgerTreePass(ledger, source, checkpoints, hashes, facts, progress).Start(size, stop.Token);
        var matched = new EntryBits(size);
        var pending = new PendingHashes(size);
        var unmatched = new HashSet<long>();
        var recordFindings = new List<AuditFinding>();
        var later = new List<RecordedSubject>();
        var recordedFacts = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var recorded in source.RecordedAsync(stop.Token))
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
        }
        catch
        {
            // The tree's pass is not left running after a failed audit.
            await stop.CancelAsync();
            await ((Task)tree).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        var (frontier, treeFindings) = await tree;
        unmatched.UnionWith(pending.Unmatched(hashes, size));
        await new AuditRecheck(source, hashes, matched).RunAsync(unmatched, size, recordFindings, MaxFindings, cancellationToken);
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
                : new AuditFinding(i, (await source.EntryAsync(i, cancellationToken))?.Subject ?? "ledger", Deleted));
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

    // The record is read in its own order, so what it holds often claims an entry the tree has
    // not reached yet (a device's batches lie all along the ledger). Rather than wait for the
    // tree, such a claim keeps its leaf's hash until the tree is done.
    private static void Claim(RecordedSubject recorded, KnownLeafHashes hashes, EntryBits matched, PendingHashes pending, HashSet<long> unmatched, List<AuditFinding> findings)
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
}

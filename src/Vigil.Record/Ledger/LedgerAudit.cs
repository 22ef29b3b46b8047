using System.Security.Cryptography;
using System.Text;

namespace Vigil.Record.Ledger;

/// <summary>
/// Recomputes the ledger and holds the record against it (T17): every entry's leaf is rebuilt
/// from the batch and readings as they stand and compared with the leaf the ledger holds; the
/// tree is recomputed from the leaves and compared with every signed checkpoint; the entries must
/// be contiguous; and every batch and access in the record must have an entry. The record is read
/// once, as a stream in ledger order. An edit of a stored reading
/// is named by its entry; an edit of the ledger itself that was made to match shows as a
/// checkpoint that no longer holds, which bounds the entries concerned.
/// </summary>
public sealed class LedgerAudit(ILedger ledger, IAuditSource source)
{
    private const int ProgressEvery = 4096;
    private const int MaxFindings = 1000;
    private const string Deleted = "what it records was deleted from the record";

    /// <summary>Verifies everything; checkpoints must verify with <paramref name="checkpointKey"/> under <paramref name="origin"/>.</summary>
    public AuditReport Verify(ECDsa checkpointKey, string origin, IProgress<long>? progress = null)
    {
        var findings = new List<AuditFinding>();
        var checkpoints = Checkpoints(checkpointKey, origin, findings);
        var frontier = new MerkleFrontier();
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

        foreach (var audited in source.Entries())
        {
            var entry = audited.Entry;
            if (entry.Index != expected)
            {
                findings.Add(new AuditFinding(expected, "ledger", $"entries {expected} to {entry.Index - 1} are missing from the ledger"));
                expected = entry.Index;
            }

            CheckEntry(audited, findings);
            frontier.Append(MerkleHash.Leaf(entry.Leaf));
            expected++;
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

            if ((expected & (ProgressEvery - 1)) == 0)
            {
                progress?.Report(expected);
            }

            if (findings.Count > MaxFindings)
            {
                break;
            }
        }

        progress?.Report(expected);
        for (; next < checkpoints.Count; next++)
        {
            findings.Add(new AuditFinding(null, $"checkpoint {checkpoints[next].Size}", $"a checkpoint was signed at size {checkpoints[next].Size} but the ledger holds only {frontier.Size} entries: entries were deleted"));
        }

        var (headSize, headRoot) = ledger.Head();
        if (headSize != frontier.Size || !headRoot.AsSpan().SequenceEqual(frontier.Root()))
        {
            findings.Add(new AuditFinding(null, "ledger state", $"the ledger's recorded edge (size {headSize}) does not match its {frontier.Size} entries"));
        }

        // Every entry names a distinct batch that was found above; if the counts agree, no batch lacks an entry.
        var ledgered = frontier.Size - findings.Count(f => f.What == Deleted);
        var unledgered = source.SubjectCount() == ledgered ? [] : source.Unledgered(MaxFindings);
        foreach (var subject in unledgered)
        {
            findings.Add(new AuditFinding(null, subject, "this is in the record but not in the ledger: it was inserted behind Vigil's back"));
        }

        return new AuditReport(frontier.Size, checkpoints.Count, frontier.Root(), findings);
    }

    private static void CheckEntry(AuditedEntry audited, List<AuditFinding> findings)
    {
        var (entry, rebuilt) = audited;
        if (entry.Kind is not (LedgerLeaf.BatchKind or LedgerLeaf.AccessKind))
        {
            findings.Add(new AuditFinding(entry.Index, entry.Subject, $"unknown entry kind '{entry.Kind}'"));
            return;
        }

        if (rebuilt is null)
        {
            findings.Add(new AuditFinding(entry.Index, entry.Subject, Deleted));
        }
        else if (!CryptographicOperations.FixedTimeEquals(rebuilt, entry.Leaf))
        {
            findings.Add(new AuditFinding(entry.Index, entry.Subject, $"the record no longer matches the ledger: {Difference(entry.Leaf, rebuilt)}"));
        }
    }

    private static string Difference(byte[] recorded, byte[] now)
    {
        var was = Encoding.UTF8.GetString(recorded).Split('\n');
        var @is = Encoding.UTF8.GetString(now).Split('\n');
        var changed = was.Zip(@is).Where(p => p.First != p.Second).Select(p => p.First.Split(' ')[0]).ToList();
        return changed.Count == 0 ? "the entry differs" : changed[0] switch
        {
            "readings-sha256" => "its readings (values, times or verdicts) were changed",
            "readings" => "readings were added or removed",
            "user" or "patient" or "what" or "purpose" or "at" or "role" => $"the access record's {changed[0]} was changed",
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
}

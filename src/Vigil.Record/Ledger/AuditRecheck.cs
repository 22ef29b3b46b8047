using System.Text;

namespace Vigil.Record.Ledger;

/// <summary>
/// The claims whose leaf did not hash to their entry (or whose entry the ledger does not hold),
/// found again in the record to name what differs: a second read of the record, made only when
/// the first found something.
/// </summary>
internal sealed class AuditRecheck(IAuditSource source, KnownLeafHashes hashes, EntryBits matched)
{
    /// <summary>Names each of the <paramref name="unmatched"/> entries' claims in <paramref name="findings"/>, up to <paramref name="maxFindings"/>.</summary>
    public async Task RunAsync(HashSet<long> unmatched, long size, List<AuditFinding> findings, int maxFindings, CancellationToken cancellationToken)
    {
        if (unmatched.Count == 0)
        {
            return;
        }

        foreach (var index in unmatched)
        {
            matched.Clear(index);
        }

        await foreach (var recorded in source.RecordedAsync(cancellationToken))
        {
            if (findings.Count > maxFindings)
            {
                break;
            }

            if (recorded.LedgerIndex is { } index && index < size && recorded.Batch is null && unmatched.Remove(index))
            {
                await MatchAsync(recorded, findings, cancellationToken);
            }
        }
    }

    private async Task MatchAsync(RecordedSubject recorded, List<AuditFinding> findings, CancellationToken cancellationToken)
    {
        if (recorded.LedgerIndex is not { } index || index < 0 || !hashes.Known(index) || matched[index] || recorded.Leaf is null)
        {
            findings.Add(new AuditFinding(null, recorded.Subject, LedgerAudit.Inserted));
            return;
        }

        if (hashes.Matches(index, MerkleHash.Leaf(recorded.Leaf)))
        {
            matched.Set(index);
            return;
        }

        // The claimed entry is for something else: this row was put there, or its claim changed.
        var entry = await source.EntryAsync(index, cancellationToken);
        if (entry is null || entry.Subject != recorded.Subject)
        {
            findings.Add(new AuditFinding(null, recorded.Subject, LedgerAudit.Inserted));
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
}

using System.Security.Cryptography;

namespace Vigil.Record.Ledger;

/// <summary>Inclusion and consistency proofs over the ledger's signed checkpoints, and their checking.</summary>
public static class LedgerProofs
{
    /// <summary>The proof that an entry is in the latest checkpoint that covers it; null if there is no such entry or checkpoint yet.</summary>
    public static InclusionProofDocument? Prove(ILedger ledger, string kind, string subject) => Prove(ledger, kind, subject, []);

    // The tree up to a checkpoint is read once for all the proofs that share it.
    private static InclusionProofDocument? Prove(ILedger ledger, string kind, string subject, Dictionary<long, LedgerBlocks> trees)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        if (ledger.Find(kind, subject) is not { } entry || ledger.Checkpoints().LastOrDefault(c => c.Size > entry.Index) is not { } checkpoint)
        {
            return null;
        }

        if (!trees.TryGetValue(checkpoint.Size, out var tree))
        {
            trees[checkpoint.Size] = tree = new LedgerBlocks(ledger, checkpoint.Size);
        }

        var path = tree.InclusionProof(entry.Index);
        return new InclusionProofDocument(
            subject, entry.Index, checkpoint.Size, Convert.ToBase64String(entry.Leaf), [.. path.Select(Convert.ToBase64String)], checkpoint.Note);
    }

    /// <summary>
    /// The proof that one reading is in the ledger: its batch's inclusion proof, the batch's
    /// readings as stored (which the batch leaf digests), and an inclusion proof of each later
    /// verdict of the reading that a checkpoint covers; null if the batch is not yet covered or
    /// holds no reading <paramref name="index"/>.
    /// </summary>
    public static InclusionProofDocument? ProveReading(ILedger ledger, IAuditSource source, string deviceId, ulong sequence, int index)
    {
        ArgumentNullException.ThrowIfNull(source);
        var readings = source.ReadingsOf(deviceId, sequence);
        var trees = new Dictionary<long, LedgerBlocks>();
        if (!readings.Any(r => r.Index == index) || Prove(ledger, LedgerLeaf.BatchKind, LedgerLeaf.BatchSubject(deviceId, sequence), trees) is not { } batch)
        {
            return null;
        }

        var revisions = new List<InclusionProofDocument>();
        foreach (var version in source.RevisionsOf(deviceId, sequence, index))
        {
            if (Prove(ledger, LedgerLeaf.VerdictKind, LedgerLeaf.VerdictSubject(deviceId, sequence, index, version), trees) is not { } revision)
            {
                break;
            }

            revisions.Add(revision);
        }

        return batch with { Reading = new ReadingEvidence(index, readings, revisions) };
    }

    /// <summary>
    /// Checks the proof of a reading as a third party would: the batch's proof (<see cref="Check"/>),
    /// the batch's readings against its leaf, and each later verdict's proof and leaf against the
    /// reading. Says what does not hold, or what the proof shows.
    /// </summary>
    public static ReadingCheck CheckReading(InclusionProofDocument proof, ECDsa checkpointKey, string origin)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (proof.Reading is not { Readings: not null, Revisions: not null } evidence)
        {
            return ReadingCheck.Failed("the proof is of a batch, not of a reading");
        }

        if (!Check(proof, checkpointKey, origin))
        {
            return ReadingCheck.Failed($"the proof of batch {proof.Subject} does not verify against the platform's signed checkpoint");
        }

        var leaf = LeafFields(proof.Leaf, LedgerLeaf.BatchKind);
        if (leaf is null || !leaf.TryGetValue("device", out var device) || !leaf.TryGetValue("sequence", out var sequence)
            || proof.Subject != $"{device}#{sequence}")
        {
            return ReadingCheck.Failed("the proved entry is not the leaf of a batch");
        }

        var digest = new LedgerLeaf.ReadingsDigest();
        var previous = -1;
        try
        {
            foreach (var r in evidence.Readings)
            {
                if (r.Index <= previous)
                {
                    return ReadingCheck.Failed("the batch's readings are not in index order");
                }

                previous = r.Index;
                digest.Add(r.Index, r.Kind, r.At, Convert.FromBase64String(r.SealedValues), r.Status, Convert.FromBase64String(r.SealedVerdict));
            }
        }
        catch (FormatException)
        {
            return ReadingCheck.Failed("a reading's sealed bytes are not base64");
        }

        if (leaf.GetValueOrDefault("readings") != evidence.Readings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)
            || leaf.GetValueOrDefault("readings-sha256") != LedgerLeaf.Hex(digest.Finish()))
        {
            return ReadingCheck.Failed($"the readings given are not the readings the ledger recorded for batch {proof.Subject}");
        }

        if (evidence.Readings.SingleOrDefault(r => r.Index == evidence.Index) is not { } reading)
        {
            return ReadingCheck.Failed($"batch {proof.Subject} holds no reading {evidence.Index}");
        }

        var revisions = new List<VerdictRevision>();
        foreach (var revision in evidence.Revisions)
        {
            var expected = LedgerLeaf.VerdictSubject(device, ulong.Parse(sequence, System.Globalization.CultureInfo.InvariantCulture), evidence.Index, revisions.Count + 2);
            var fields = Check(revision, checkpointKey, origin) ? LeafFields(revision.Leaf, LedgerLeaf.VerdictKind) : null;
            if (fields is null || revision.Subject != expected || $"{fields["device"]}#{fields["sequence"]}#{fields["index"]}@{fields["version"]}" != expected)
            {
                return ReadingCheck.Failed($"the proof of verdict {expected} does not verify");
            }

            revisions.Add(new VerdictRevision(
                revision.LeafIndex, revisions.Count + 2, int.Parse(fields["status"], System.Globalization.CultureInfo.InvariantCulture), fields["cause"],
                long.Parse(fields["decided"], System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new ReadingCheck(null, reading, revisions);
    }

    // A leaf's fields by name, if it is a leaf of the kind; null if not.
    private static Dictionary<string, string>? LeafFields(string base64, string kind)
    {
        string text;
        try
        {
            text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }

        var lines = text.Split('\n');
        if (lines[0] != LedgerLeaf.Header(kind) && lines[0] != $"{FactLeaf.Version} {kind}")
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || !fields.TryAdd(line[..space], line[(space + 1)..]))
            {
                return null;
            }
        }

        string[] required = kind == LedgerLeaf.VerdictKind ? ["device", "sequence", "index", "version", "status", "cause", "decided"] : ["device", "sequence"];
        return required.All(fields.ContainsKey) ? fields : null;
    }

    /// <summary>The consistency proof from the tree of <paramref name="oldSize"/> entries to that of <paramref name="newSize"/>; null if the sizes are not 0 &lt;= old &lt;= new &lt;= the ledger's.</summary>
    public static IReadOnlyList<byte[]>? Consistency(ILedger ledger, long oldSize, long newSize)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        if (oldSize < 0 || oldSize > newSize || newSize > ledger.Head().Size)
        {
            return null;
        }

        return new LedgerBlocks(ledger, newSize).ConsistencyProof(oldSize);
    }

    /// <summary>
    /// Checks a proof as a third party would: the checkpoint's signature with the platform
    /// signing key under <paramref name="origin"/>, then the leaf's path to the checkpoint's root.
    /// </summary>
    public static bool Check(InclusionProofDocument proof, ECDsa checkpointKey, string origin)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (SignedNote.Open(proof.Checkpoint, origin, checkpointKey) is not { } body || Checkpoint.Parse(body) is not { } checkpoint
            || checkpoint.Origin != origin || checkpoint.Size != proof.TreeSize)
        {
            return false;
        }

        try
        {
            var leaf = Convert.FromBase64String(proof.Leaf);
            var path = proof.InclusionPath.Select(Convert.FromBase64String).ToList();
            return MerkleTree.VerifyInclusion(proof.LeafIndex, proof.TreeSize, MerkleHash.Leaf(leaf), path, checkpoint.RootHash);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

using System.Security.Cryptography;
using Vigil.Record.Ledger;

namespace Vigil.Record.Witness;

/// <summary>
/// Holds the record's ledger against a checkpoint kept outside it (saved by a witness, a
/// publish directory or a third party). A record smaller than the checkpoint was rolled back or
/// truncated; one of the same size with another root, or whose tree is not consistent with it,
/// is a fork. Also checks that each cosigned checkpoint the data folder keeps is the record's
/// own and carries valid cosignatures by the witnesses named.
/// </summary>
public static class OutsideCheckpointCheck
{
    /// <summary>What does not hold between the ledger and the outside checkpoint note; empty if it holds.</summary>
    public static IReadOnlyList<string> Check(ILedger ledger, string note, ECDsa logKey, string origin, IReadOnlyList<CosignerKey> witnesses)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(witnesses);
        if (SignedNote.Open(note, origin, logKey) is not { } text || Checkpoint.Parse(text) is not { } checkpoint || checkpoint.Origin != origin)
        {
            return ["the outside checkpoint is not signed by this log's key (or is not a checkpoint of this log)"];
        }

        var findings = new List<string>();
        foreach (var witness in witnesses.Where(w => Cosignature.Verify(w, text, note) is null))
        {
            findings.Add($"the outside checkpoint of size {checkpoint.Size} carries no valid cosignature by witness {witness.Name}");
        }

        var (size, root) = ledger.Head();
        if (size < checkpoint.Size)
        {
            findings.Add($"the record is behind its witnessed checkpoint of size {checkpoint.Size}: rolled back or truncated (the record's ledger has {size} entries)");
        }
        else if (size == checkpoint.Size && !root.AsSpan().SequenceEqual(checkpoint.RootHash))
        {
            findings.Add($"fork: the record's ledger has another root at size {size} than its witnessed checkpoint");
        }
        else if (size > checkpoint.Size
            && (LedgerProofs.Consistency(ledger, checkpoint.Size, size) is not { } proof
                || !MerkleTree.VerifyConsistency(checkpoint.Size, size, checkpoint.RootHash, root, proof)))
        {
            findings.Add($"fork: the record's ledger of size {size} is not consistent with its witnessed checkpoint of size {checkpoint.Size}");
        }

        return findings;
    }

    /// <summary>What does not hold in the cosigned checkpoints the data folder keeps.</summary>
    public static IReadOnlyList<string> CheckCosigned(ILedger ledger, CosignedCheckpoints cosigned, ECDsa logKey, string origin, IReadOnlyList<CosignerKey> witnesses)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(cosigned);
        ArgumentNullException.ThrowIfNull(witnesses);
        var own = ledger.Checkpoints().ToDictionary(c => c.Size, c => Cosignature.BodyOf(c.Note));
        var findings = new List<string>();
        foreach (var (size, note) in cosigned.All())
        {
            var text = SignedNote.Open(note, origin, logKey);
            if (text is null)
            {
                findings.Add($"the cosigned checkpoint of size {size} is not signed by this log's key");
            }
            else if (!own.TryGetValue(size, out var body) || body != text)
            {
                findings.Add($"the cosigned checkpoint of size {size} is not the record's checkpoint of that size: the record was rolled back or forked");
            }
            else
            {
                findings.AddRange(witnesses.Where(w => note.Contains($"\u2014 {w.Name} ", StringComparison.Ordinal) && Cosignature.Verify(w, text, note) is null)
                    .Select(w => $"the cosignature of witness {w.Name} on the checkpoint of size {size} does not verify"));
            }
        }

        return findings;
    }
}

using System.Security.Cryptography;

namespace Vigil.Record.Ledger;

/// <summary>Inclusion and consistency proofs over the ledger's signed checkpoints, and their checking.</summary>
public static class LedgerProofs
{
    /// <summary>The proof that an entry is in the latest checkpoint that covers it; null if there is no such entry or checkpoint yet.</summary>
    public static InclusionProofDocument? Prove(ILedger ledger, string kind, string subject)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        if (ledger.Find(kind, subject) is not { } entry || ledger.Checkpoints().LastOrDefault(c => c.Size > entry.Index) is not { } checkpoint)
        {
            return null;
        }

        var hashes = ledger.LeafHashes(checkpoint.Size);
        var path = MerkleTree.InclusionProof(hashes, checked((int)entry.Index), checked((int)checkpoint.Size));
        return new InclusionProofDocument(
            subject, entry.Index, checkpoint.Size, Convert.ToBase64String(entry.Leaf), [.. path.Select(Convert.ToBase64String)], checkpoint.Note);
    }

    /// <summary>The consistency proof from the tree of <paramref name="oldSize"/> entries to that of <paramref name="newSize"/>; null if the sizes are not 0 &lt;= old &lt;= new &lt;= the ledger's.</summary>
    public static IReadOnlyList<byte[]>? Consistency(ILedger ledger, long oldSize, long newSize)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        if (oldSize < 0 || oldSize > newSize || newSize > ledger.Head().Size || newSize > int.MaxValue)
        {
            return null;
        }

        return MerkleTree.ConsistencyProof(ledger.LeafHashes(newSize), (int)oldSize, (int)newSize);
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

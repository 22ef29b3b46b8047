namespace Vigil.Record.Ledger;

/// <summary>
/// RFC 9162 Merkle tree algorithms over a list of leaf hashes: the tree head (§2.1.1), inclusion
/// proofs (§2.1.3) and consistency proofs (§2.1.4), with their verification.
/// <para>
/// The tree over n leaves splits at k, the largest power of two below n: the left subtree is
/// full and the right one holds the rest. Proof generation follows that recursion; it reads each
/// leaf hash once per proof (O(n)), which suits a ledger whose proofs are asked for now and then.
/// Verification follows §2.1.3.2 and §2.1.4.2 and needs only the proof, in O(log n).
/// </para>
/// </summary>
internal static class MerkleTree
{
    /// <summary>MTH(D[start:end]), the root of the leaves in [start, end).</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        var n = end - start;
        if (n == 0)
        {
            return MerkleHash.Empty;
        }

        if (n == 1)
        {
            return leaves[start];
        }

        var k = LargestPowerOfTwoBelow(n);
        return MerkleHash.Node(Root(leaves, start, start + k), Root(leaves, start + k, end));
    }

    /// <summary>The root of the first <paramref name="size"/> leaves.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves, int size) => Root(leaves, 0, size);

    /// <summary>PATH(index, D[0:size]): the inclusion proof of one leaf in the tree of the first <paramref name="size"/> leaves.</summary>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> leaves, int index, int size)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        return InclusionProof((a, b) => Root(leaves, (int)a, (int)b), index, size);
    }

    /// <summary>PROOF(m, D[0:n]): the consistency proof between the trees of the first m and n leaves.</summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leaves, int m, int n)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        return ConsistencyProof((a, b) => Root(leaves, (int)a, (int)b), m, n);
    }

    /// <summary>Whether a leaf hash is at <paramref name="index"/> of the tree of <paramref name="size"/> leaves with <paramref name="root"/> (§2.1.3.2).</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= size || leafHash.Length != MerkleHash.Length)
        {
            return false;
        }

        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0 || p.Length != MerkleHash.Length)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>Whether the tree of <paramref name="newSize"/> leaves with <paramref name="newRoot"/> extends the one of <paramref name="oldSize"/> with <paramref name="oldRoot"/> (§2.1.4.2).</summary>
    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (oldSize < 0 || oldSize > newSize || proof.Any(p => p.Length != MerkleHash.Length))
        {
            return false;
        }

        if (oldSize == newSize)
        {
            return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        }

        if (oldSize == 0)
        {
            // Every tree extends the empty one; there is nothing to prove.
            return proof.Count == 0 && oldRoot.SequenceEqual(MerkleHash.Empty);
        }

        if (proof.Count == 0)
        {
            return false;
        }

        var path = proof.ToList();
        if (IsPowerOfTwo(oldSize))
        {
            path.Insert(0, oldRoot.ToArray());
        }

        var fn = oldSize - 1;
        var sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = MerkleHash.Node(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(oldRoot) && sr.AsSpan().SequenceEqual(newRoot);
    }

    /// <summary>The largest power of two strictly below n (n &gt; 1).</summary>
    public static int LargestPowerOfTwoBelow(int n) => (int)LargestPowerOfTwoBelow((long)n);

    /// <summary>The largest power of two strictly below n (n &gt; 1).</summary>
    public static long LargestPowerOfTwoBelow(long n)
    {
        var k = 1L;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }

    /// <summary>
    /// The inclusion proof of leaf <paramref name="index"/> in a tree of <paramref name="size"/>
    /// leaves, with the hash of each range it needs taken from <paramref name="hash"/> (MTH(D[start:end])).
    /// </summary>
    public static IReadOnlyList<byte[]> InclusionProof(Func<long, long, byte[]> hash, long index, long size)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var proof = new List<byte[]>();
        Path(hash, index, 0, size, proof);
        return proof;
    }

    /// <summary>The consistency proof from the first <paramref name="m"/> leaves to <paramref name="n"/>, with range hashes from <paramref name="hash"/>.</summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(Func<long, long, byte[]> hash, long m, long n)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(m, n);
        var proof = new List<byte[]>();
        if (m > 0 && m < n)
        {
            SubProof(hash, m, 0, n, true, proof);
        }

        return proof;
    }

    private static bool IsPowerOfTwo(long n) => n > 0 && (n & (n - 1)) == 0;

    private static void Path(Func<long, long, byte[]> hash, long m, long start, long end, List<byte[]> proof)
    {
        var n = end - start;
        if (n <= 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            Path(hash, m, start, start + k, proof);
            proof.Add(hash(start + k, end));
        }
        else
        {
            Path(hash, m - k, start + k, end, proof);
            proof.Add(hash(start, start + k));
        }
    }

    private static void SubProof(Func<long, long, byte[]> hash, long m, long start, long end, bool complete, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(hash(start, end));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(hash, m, start, start + k, complete, proof);
            proof.Add(hash(start + k, end));
        }
        else
        {
            SubProof(hash, m - k, start + k, end, false, proof);
            proof.Add(hash(start, start + k));
        }
    }
}

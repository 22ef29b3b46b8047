namespace Vigil.Record.Ledger;

/// <summary>
/// The right edge of a growing RFC 9162 tree, enough to append a leaf and to compute the root
/// without the leaves: one hash per set bit of the size, the roots of the full subtrees the
/// leaves so far decompose into, largest (leftmost) first. Appending merges equal-sized subtrees
/// like a binary counter carries; the root folds them from the right, which is exactly how
/// MTH splits a tree at the largest power of two (RFC 9162 §2.1.1). O(log n) memory and time.
/// </summary>
internal sealed class MerkleFrontier
{
    private readonly List<(int Height, byte[] Hash)> _subtrees = [];

    /// <summary>How many leaves the tree holds.</summary>
    public long Size { get; private set; }

    /// <summary>Restores a frontier from <see cref="ToBytes"/>; null if the bytes are not one.</summary>
    public static MerkleFrontier? FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8 || (bytes.Length - 8) % MerkleHash.Length != 0)
        {
            return null;
        }

        var size = System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (size < 0 || long.PopCount(size) != (bytes.Length - 8) / MerkleHash.Length)
        {
            return null;
        }

        var frontier = new MerkleFrontier { Size = size };
        var offset = 8;
        for (var height = 62; height >= 0; height--)
        {
            if ((size & (1L << height)) != 0)
            {
                frontier._subtrees.Add((height, bytes.Slice(offset, MerkleHash.Length).ToArray()));
                offset += MerkleHash.Length;
            }
        }

        return frontier;
    }

    /// <summary>The frontier a record stored, or an empty one when it stored none yet.</summary>
    /// <exception cref="InvalidDataException">The stored bytes are not a frontier.</exception>
    public static MerkleFrontier FromStored(byte[]? bytes) =>
        bytes is null ? new MerkleFrontier() : FromBytes(bytes) ?? throw new InvalidDataException("The ledger state is damaged.");

    /// <summary>Appends a leaf hash.</summary>
    public void Append(byte[] leafHash) => Append(leafHash, -1, out _);

    /// <summary>
    /// Appends a leaf hash; when this completes a subtree of 2^<paramref name="height"/> leaves,
    /// answers its hash in <paramref name="completed"/> (else null).
    /// </summary>
    public void Append(byte[] leafHash, int height, out byte[]? completed)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        var (h, hash) = (0, leafHash);
        completed = height == 0 ? hash : null;
        while (_subtrees.Count > 0 && _subtrees[^1].Height == h)
        {
            hash = MerkleHash.Node(_subtrees[^1].Hash, hash);
            _subtrees.RemoveAt(_subtrees.Count - 1);
            if (++h == height)
            {
                completed = hash;
            }
        }

        _subtrees.Add((h, hash));
        Size++;
    }

    /// <summary>The root of the tree so far.</summary>
    public byte[] Root()
    {
        if (_subtrees.Count == 0)
        {
            return MerkleHash.Empty;
        }

        var root = _subtrees[^1].Hash;
        for (var i = _subtrees.Count - 2; i >= 0; i--)
        {
            root = MerkleHash.Node(_subtrees[i].Hash, root);
        }

        return root;
    }

    /// <summary>A copy, to append to without changing this one.</summary>
    public MerkleFrontier Clone()
    {
        var copy = new MerkleFrontier { Size = Size };
        copy._subtrees.AddRange(_subtrees);
        return copy;
    }

    /// <summary>The size (8 bytes, big-endian) and the subtree hashes, largest first.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[8 + (_subtrees.Count * MerkleHash.Length)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, Size);
        for (var i = 0; i < _subtrees.Count; i++)
        {
            _subtrees[i].Hash.CopyTo(bytes, 8 + (i * MerkleHash.Length));
        }

        return bytes;
    }
}

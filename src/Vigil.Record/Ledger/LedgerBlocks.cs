namespace Vigil.Record.Ledger;

/// <summary>
/// The ledger's tree read by blocks: the record keeps the hash of each complete, aligned block of
/// <see cref="Size"/> entries (written with the entry that completes it), so that the hash of any
/// range RFC 9162 asks for in a proof comes from one stored hash per block plus the leaves of at
/// most a few blocks, instead of from every leaf up to the checkpoint. A block whose hash is not
/// stored (a ledger older than the table) is hashed from its leaves. A wrong stored hash cannot make
/// a false proof pass: the proof is checked against the signed checkpoint's root.
/// </summary>
internal sealed class LedgerBlocks
{
    /// <summary>The height of a block's subtree.</summary>
    public const int Height = 8;

    /// <summary>Entries per block.</summary>
    public const long Size = 1L << Height;

    private readonly ILedger _ledger;
    private readonly long _treeSize;
    private readonly IReadOnlyList<byte[]?> _blocks;
    private readonly Dictionary<long, IReadOnlyList<byte[]>> _leaves = [];

    /// <summary>Reads the stored block hashes of the tree of <paramref name="treeSize"/> entries.</summary>
    public LedgerBlocks(ILedger ledger, long treeSize)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        _ledger = ledger;
        _treeSize = treeSize;
        _blocks = ledger.BlockHashes(treeSize / Size);
    }

    /// <summary>The inclusion proof of entry <paramref name="index"/> in the tree.</summary>
    public IReadOnlyList<byte[]> InclusionProof(long index) => MerkleTree.InclusionProof(Hash, index, _treeSize);

    /// <summary>The consistency proof from the tree's first <paramref name="oldSize"/> entries to the tree.</summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long oldSize) => MerkleTree.ConsistencyProof(Hash, oldSize, _treeSize);

    /// <summary>MTH(D[start:end]) as RFC 9162 defines it.</summary>
    public byte[] Hash(long start, long end)
    {
        var n = end - start;
        if (n <= 0)
        {
            return MerkleHash.Empty;
        }

        if (n == Size && start % Size == 0)
        {
            return Block(start / Size);
        }

        if (n == 1)
        {
            return LeavesOf(start / Size)[(int)(start % Size)];
        }

        var k = MerkleTree.LargestPowerOfTwoBelow(n);
        return MerkleHash.Node(Hash(start, start + k), Hash(start + k, end));
    }

    // A complete block of the tree: its stored hash, or the root of its leaves.
    private byte[] Block(long block) =>
        block < _blocks.Count && _blocks[(int)block] is { } stored ? stored : MerkleTree.Root(LeavesOf(block), (int)Size);

    // The leaf hashes of one block (of the part of it inside the tree), read once.
    private IReadOnlyList<byte[]> LeavesOf(long block)
    {
        if (!_leaves.TryGetValue(block, out var leaves))
        {
            _leaves[block] = leaves = _ledger.LeafHashes(block * Size, Math.Min((block + 1) * Size, _treeSize));
        }

        return leaves;
    }
}

namespace Vigil.Record.Ledger;

/// <summary>The leaf hashes of claims made before the tree reached their entry, by entry, in chunks.</summary>
internal sealed class PendingHashes(long size)
{
    private const int Chunk = 1 << 16;
    private readonly byte[]?[] _chunks = new byte[(size + Chunk - 1) / Chunk][];
    private readonly EntryBits _held = new(size);

    /// <summary>Holds a claim's leaf hash for its entry.</summary>
    public void Add(long index, ReadOnlySpan<byte> hash)
    {
        var chunk = _chunks[index / Chunk] ??= new byte[Chunk * MerkleHash.Length];
        hash.CopyTo(chunk.AsSpan((int)(index % Chunk) * MerkleHash.Length));
        _held.Set(index);
    }

    /// <summary>Once the tree is done: the entries whose claim does not hash to them, or that the tree never reached.</summary>
    public HashSet<long> Unmatched(KnownLeafHashes hashes, long size)
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

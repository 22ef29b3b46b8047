namespace Vigil.Record.Ledger;

/// <summary>
/// The leaf hashes of a large ledger, in chunks of 65,536 so that no single array grows past what
/// the runtime allows; written by the tree's pass, read by the record's pass once written (a chunk
/// is in place before the count that covers it is published).
/// </summary>
internal sealed class KnownLeafHashes(long size)
{
    private const int Chunk = 1 << 16;
    private readonly byte[]?[] _chunks = new byte[(size + Chunk - 1) / Chunk][];
    private long _count;

    /// <summary>Adds the next entry's leaf hash (the tree's pass alone).</summary>
    public void Add(byte[] hash)
    {
        var chunk = (int)(_count / Chunk);
        var offset = (int)(_count % Chunk);
        var hashes = _chunks[chunk] ??= new byte[Chunk * MerkleHash.Length];
        hash.CopyTo(hashes.AsSpan(offset * MerkleHash.Length));
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>Whether the tree has reached an entry (and so knows its leaf's hash).</summary>
    public bool Known(long index) => Volatile.Read(ref _count) > index;

    /// <summary>Whether a known entry's leaf hash is <paramref name="hash"/>.</summary>
    public bool Matches(long index, ReadOnlySpan<byte> hash) =>
        _chunks[index / Chunk]!.AsSpan((int)(index % Chunk) * MerkleHash.Length, MerkleHash.Length).SequenceEqual(hash);
}

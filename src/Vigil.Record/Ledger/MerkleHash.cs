using System.Security.Cryptography;

namespace Vigil.Record.Ledger;

/// <summary>
/// The hashes of an RFC 9162 Merkle tree (§2.1.1): SHA-256 with a one-byte domain separator, 0x00
/// for leaves and 0x01 for interior nodes, so that a leaf can never pass for a node.
/// </summary>
internal static class MerkleHash
{
    /// <summary>The length of every hash.</summary>
    public const int Length = 32;

    /// <summary>The root of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] Empty { get; } = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>SHA-256(0x00 || leaf).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> leaf)
    {
        var hash = new byte[Length];
        Leaf(leaf, hash);
        return hash;
    }

    /// <summary>SHA-256(0x00 || leaf) into <paramref name="destination"/> (32 bytes).</summary>
    public static void Leaf(ReadOnlySpan<byte> leaf, Span<byte> destination)
    {
        // One call on a prefixed copy costs less than two.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(leaf.Length + 1);
        try
        {
            buffer[0] = 0x00;
            leaf.CopyTo(buffer.AsSpan(1));
            Sha256.Hash(buffer.AsSpan(0, leaf.Length + 1), destination);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + (2 * Length)];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + Length)..]);
        return Sha256.Hash(input);
    }
}

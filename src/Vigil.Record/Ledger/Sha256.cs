using System.Security.Cryptography;

namespace Vigil.Record.Ledger;

/// <summary>
/// The platform's SHA-256 through one hash context per thread, reused. On Linux every one-shot
/// hash sets up and frees an OpenSSL context and clears its error queue, which costs more than
/// hashing a ledger leaf; the audit hashes several times per entry, millions of entries.
/// </summary>
internal static class Sha256
{
    [ThreadStatic]
    private static IncrementalHash? _context;

    /// <summary>SHA-256 of <paramref name="data"/> into <paramref name="destination"/> (32 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var context = _context ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            context.AppendData(data);
            context.GetHashAndReset(destination);
        }
        catch
        {
            // A context that failed midway is not reused.
            _context = null;
            context.Dispose();
            throw;
        }
    }

    /// <summary>SHA-256 of <paramref name="data"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var hash = new byte[MerkleHash.Length];
        Hash(data, hash);
        return hash;
    }
}

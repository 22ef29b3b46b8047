using System.Security.Cryptography;

namespace Vigil.Record.Ledger;

/// <summary>
/// The platform's SHA-256 for the ledger's many small hashes (the audit makes five per entry,
/// millions of entries): OpenSSL's, called directly where it is available
/// (<see cref="OpenSslSha256"/>), else the runtime's through one hash context per thread,
/// reused (a one-shot hash sets up and frees a context each time).
/// </summary>
public static class Sha256
{
    private static readonly OpenSslSha256? Direct = OpenSslSha256.TryCreate();

    [ThreadStatic]
    private static IncrementalHash? _context;

    /// <summary>Whether OpenSSL is called directly.</summary>
    public static bool IsDirect => Direct is not null;

    /// <summary>SHA-256 of <paramref name="data"/> into <paramref name="destination"/> (32 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (Direct is null || !Direct.TryHash(data, destination))
        {
            RuntimeHash(data, destination);
        }
    }

    /// <summary>SHA-256 through the runtime's hash.</summary>
    internal static void RuntimeHash(ReadOnlySpan<byte> data, Span<byte> destination)
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

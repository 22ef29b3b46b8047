using System.Security.Cryptography;

namespace Vigil.Record.Ledger;

/// <summary>
/// The platform's SHA-256 for the ledger's many small hashes (the audit makes five per entry,
/// millions of entries). Two paths that give the same hash: OpenSSL's digest called directly
/// where it is available (<see cref="OpenSslSha256"/>), the fast path; else the runtime's,
/// through one hash context per thread, reused (a one-shot hash sets up and frees a context each
/// time). <see cref="FastPaths"/> chooses between them.
/// </summary>
public static class Sha256
{
    private static readonly OpenSslSha256? OpenSsl = OpenSslSha256.TryCreate();

    [ThreadStatic]
    private static IncrementalHash? _context;

    /// <summary>Whether OpenSSL is called directly.</summary>
    public static bool IsDirect => OpenSsl is not null && FastPaths.Enabled;

    /// <summary>Whether OpenSSL can be called directly here (whatever <see cref="FastPaths"/> says).</summary>
    internal static bool CanCallOpenSsl => OpenSsl is not null;

    /// <summary>SHA-256 of <paramref name="data"/> into <paramref name="destination"/> (32 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (!FastPaths.Enabled || OpenSsl is not { } direct || !direct.TryHash(data, destination))
        {
            RuntimeHash(data, destination);
        }
    }

    /// <summary>SHA-256 straight from OpenSSL: false where it is not available or failed.</summary>
    internal static bool OpenSslHash(ReadOnlySpan<byte> data, Span<byte> destination) => OpenSsl is { } direct && direct.TryHash(data, destination);

    /// <summary>SHA-256 through the runtime's hash: the plain path.</summary>
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

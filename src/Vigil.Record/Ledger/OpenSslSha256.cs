using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Vigil.Record.Ledger;

/// <summary>
/// SHA-256 from the platform's OpenSSL 3, called through its EVP interface directly: the digest
/// is fetched once from OpenSSL's default library context (so a configured FIPS provider serves
/// it, as it serves .NET), and each thread keeps one digest context, initialised again for each
/// hash. .NET's own hash on Linux is the same OpenSSL call, but clears OpenSSL's error queue
/// (sixteen slots, each freed) on finishing and again on resetting, which costs more than the
/// hash of a ledger leaf: 430 to 640 ns a leaf through .NET against about 210 here, where the
/// SHA-256 of the same bytes in bulk takes 160. Used only where it gives the runtime's own
/// answer on a known set of inputs (<see cref="TryCreate"/>); elsewhere (another system, another
/// OpenSSL) the runtime's hash serves.
/// </summary>
internal sealed partial class OpenSslSha256
{
    private const string Library = "libcrypto.so.3";

    [ThreadStatic]
    private static DigestContext? _context;

    private readonly nint _digest;

    private OpenSslSha256(nint digest) => _digest = digest;

    /// <summary>The direct path, or null where it is not available or does not agree with the runtime.</summary>
    public static OpenSslSha256? TryCreate()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(Library, typeof(OpenSslSha256).Assembly, null, out _))
        {
            return null;
        }

        try
        {
            var digest = EVP_MD_fetch(0, "SHA256", 0);
            if (digest == 0)
            {
                return null;
            }

            var candidate = new OpenSslSha256(digest);
            return candidate.AgreesWithTheRuntime() ? candidate : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>SHA-256 of <paramref name="data"/> into <paramref name="destination"/> (32 bytes); false if OpenSSL failed.</summary>
    public bool TryHash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < MerkleHash.Length)
        {
            return false;
        }

        var context = (_context ??= new DigestContext()).Handle;
        return context != 0
            && EVP_DigestInit_ex2(context, _digest, 0) == 1
            && EVP_DigestUpdate(context, ref MemoryMarshal.GetReference(data), (nuint)data.Length) == 1
            && EVP_DigestFinal_ex(context, ref MemoryMarshal.GetReference(destination), out var length) == 1
            && length == MerkleHash.Length;
    }

    // Empty input, short and long ones, across block boundaries.
    private bool AgreesWithTheRuntime()
    {
        var input = new byte[5000];
        RandomNumberGenerator.Fill(input);
        Span<byte> ours = stackalloc byte[MerkleHash.Length];
        foreach (var size in new[] { 0, 1, 55, 56, 64, 65, 300, 5000 })
        {
            if (!TryHash(input.AsSpan(0, size), ours) || !ours.SequenceEqual(SHA256.HashData(input.AsSpan(0, size))))
            {
                return false;
            }
        }

        return true;
    }

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint EVP_MD_fetch(nint libraryContext, string algorithm, nint properties);

    [LibraryImport(Library)]
    private static partial nint EVP_MD_CTX_new();

    [LibraryImport(Library)]
    private static partial void EVP_MD_CTX_free(nint context);

    [LibraryImport(Library)]
    private static partial int EVP_DigestInit_ex2(nint context, nint digest, nint parameters);

    [LibraryImport(Library)]
    private static partial int EVP_DigestUpdate(nint context, ref byte data, nuint count);

    [LibraryImport(Library)]
    private static partial int EVP_DigestFinal_ex(nint context, ref byte digest, out uint length);

    // A thread's digest context, freed when the thread's last reference to it goes.
    private sealed class DigestContext
    {
        public nint Handle { get; } = EVP_MD_CTX_new();

        ~DigestContext()
        {
            if (Handle != 0)
            {
                EVP_MD_CTX_free(Handle);
            }
        }
    }
}

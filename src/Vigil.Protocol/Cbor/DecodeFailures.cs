using System.Formats.Cbor;
using System.Security.Cryptography;

namespace Vigil.Protocol.Cbor;

/// <summary>
/// The exceptions the platform's CBOR and COSE readers throw on bytes they cannot decode. Besides
/// <see cref="CborContentException"/> and <see cref="CryptographicException"/>, the readers throw
/// <see cref="InvalidOperationException"/> on a wrong major type, <see cref="OverflowException"/>
/// on an integer wider than asked for (a COSE header label beyond 32 bits among them),
/// <see cref="FormatException"/> on bad text and <see cref="ArgumentException"/> on a value out of
/// range. A decoder that reads untrusted bytes turns exactly these into "malformed", so every
/// input gets a named result and none escapes as an unhandled exception.
/// </summary>
internal static class DecodeFailures
{
    /// <summary>Whether <paramref name="e"/> means the input could not be decoded.</summary>
    public static bool IsDecodeFailure(Exception e) =>
        e is CborContentException or CryptographicException or InvalidOperationException
            or OverflowException or FormatException or ArgumentException;
}

using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using Vigil.Protocol.Cbor;

namespace Vigil.Protocol.Opening;

/// <summary>
/// What the device itself signed about a batch beyond its payload: the session it sealed the batch
/// in, and the digest of the whole signed statement. The envelope around a batch can be made by
/// anyone holding the platform's public ingest certificate, so only these fields can serve as
/// evidence about the device (docs/protocol.md §4, §9).
/// </summary>
/// <param name="SessionId">The session id the device signed (16 bytes).</param>
/// <param name="SessionStart">The session start the device signed, Unix seconds.</param>
/// <param name="ContentDigest">SHA-256 of the COSE Sig_structure: what was signed, whatever the signature bytes.</param>
public sealed record BatchSignature(byte[] SessionId, long SessionStart, byte[] ContentDigest)
{
    /// <summary>
    /// The digest of what a COSE_Sign1 signs (RFC 9052 §4.4: <c>["Signature1", protected, h'', payload]</c>).
    /// Two signatures over one statement differ (ECDSA is randomised, and (r, s) and (r, n - s)
    /// both verify), so batches are the same signed content exactly when these digests are equal.
    /// Null if the bytes are not a COSE_Sign1 with an embedded payload.
    /// </summary>
    public static byte[]? ContentDigestOf(ReadOnlySpan<byte> coseSign1)
    {
        try
        {
            var message = CoseMessage.DecodeSign1(coseSign1);
            return message.Content is { } content ? ContentDigestOf(message.RawProtectedHeaders.Span, content.Span) : null;
        }
        catch (Exception e) when (DecodeFailures.IsDecodeFailure(e))
        {
            return null;
        }
    }

    internal static byte[] ContentDigestOf(ReadOnlySpan<byte> protectedHeader, ReadOnlySpan<byte> payload)
    {
        var writer = new CborWriter(CborConformanceMode.Strict);
        writer.WriteStartArray(4);
        writer.WriteTextString("Signature1");
        writer.WriteByteString(protectedHeader);
        writer.WriteByteString([]);
        writer.WriteByteString(payload);
        writer.WriteEndArray();
        return SHA256.HashData(writer.Encode());
    }
}

using System.Formats.Cbor;
using System.Security.Cryptography;
using Vigil.Domain.Devices;

namespace Vigil.Protocol.Sessions;

/// <summary>
/// Turns a session's ECDH shared secret into its <see cref="SessionSecrets"/> with HKDF-SHA-256
/// (RFC 5869): salt = session id, info = the CBOR array
/// <c>["Vigil-Batch-v1", device id, session id, session start, ephemeral point, recipient kid]</c>,
/// 44 bytes of output: 32 of key, then 12 of base IV. Binding the device, session and both
/// public keys into the info means a batch moved to another device or session cannot decrypt.
/// </summary>
internal static class SessionKeyDerivation
{
    /// <summary>The label that starts the HKDF info.</summary>
    public const string Label = "Vigil-Batch-v1";

    /// <summary>Derives the session secrets.</summary>
    /// <param name="sharedSecret">The ECDH x coordinate, 32 bytes.</param>
    /// <param name="device">The device that opened the session.</param>
    /// <param name="sessionId">The 16-byte session id.</param>
    /// <param name="sessionStart">The session start, Unix seconds.</param>
    /// <param name="ephemeralPoint">The ephemeral public key as an uncompressed point (0x04 || x || y).</param>
    /// <param name="recipientKeyId">The kid of the platform ingest certificate.</param>
    public static SessionSecrets Derive(
        ReadOnlySpan<byte> sharedSecret,
        DeviceId device,
        ReadOnlySpan<byte> sessionId,
        long sessionStart,
        ReadOnlySpan<byte> ephemeralPoint,
        ReadOnlySpan<byte> recipientKeyId)
    {
        var info = Info(device, sessionId, sessionStart, ephemeralPoint, recipientKeyId);
        Span<byte> okm = stackalloc byte[SessionSecrets.KeyLength + SessionSecrets.NonceLength];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, okm, sessionId, info);
        var secrets = new SessionSecrets(okm[..SessionSecrets.KeyLength].ToArray(), okm[SessionSecrets.KeyLength..].ToArray());
        CryptographicOperations.ZeroMemory(okm);
        return secrets;
    }

    /// <summary>The HKDF info bytes (exposed for test vectors).</summary>
    public static byte[] Info(
        DeviceId device, ReadOnlySpan<byte> sessionId, long sessionStart, ReadOnlySpan<byte> ephemeralPoint, ReadOnlySpan<byte> recipientKeyId)
    {
        var writer = new CborWriter(CborConformanceMode.Strict);
        writer.WriteStartArray(6);
        writer.WriteTextString(Label);
        writer.WriteTextString(device.Value);
        writer.WriteByteString(sessionId);
        writer.WriteInt64(sessionStart);
        writer.WriteByteString(ephemeralPoint);
        writer.WriteByteString(recipientKeyId);
        writer.WriteEndArray();
        return writer.Encode();
    }
}

using Vigil.Domain.Devices;

namespace Vigil.Protocol.Envelopes;

/// <summary>
/// The protected header of a sealed batch's COSE_Encrypt0. All of it is authenticated by
/// AES-GCM as part of the AAD; none of it is trusted before decryption succeeds.
/// </summary>
/// <param name="DeviceId">The device the batch claims to come from.</param>
/// <param name="SessionId">The 16-byte session id.</param>
/// <param name="SessionStart">When the session began, Unix seconds.</param>
/// <param name="Sequence">The batch's sequence number (the Partial IV).</param>
/// <param name="RecipientKeyId">The kid of the platform ingest certificate encrypted to.</param>
/// <param name="EphemeralPoint">The session's ephemeral P-256 public key, uncompressed (65 bytes).</param>
public sealed record EnvelopeHeader(
    DeviceId DeviceId,
    byte[] SessionId,
    long SessionStart,
    ulong Sequence,
    byte[] RecipientKeyId,
    byte[] EphemeralPoint)
{
    /// <summary>Session id length.</summary>
    public const int SessionIdLength = 16;

    /// <summary>Length of an uncompressed P-256 point.</summary>
    public const int PointLength = 65;
}

using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using Vigil.Domain.Readings;
using Vigil.Protocol.Batches;

namespace Vigil.Protocol.Sealing;

/// <summary>
/// Signs a batch as the inner COSE_Sign1 (RFC 9052 §4.2), ES256 with the device key, the batch
/// CBOR as embedded payload. The protected header carries alg, kid (the device certificate),
/// device id, sequence number, creation time and the session the batch is sealed in, so the
/// signature alone says who, which, when and in which session: the platform's clone evidence
/// rests only on these signed fields (docs/protocol.md §4). This signature is what travels with
/// the readings into the health record.
/// </summary>
public static class BatchSigner
{
    /// <summary>Signs the batch for the session it will be sealed in; the result is the COSE_Sign1 bytes (tag 18).</summary>
    public static byte[] Sign(BatchContent batch, ECDsa deviceKey, byte[] deviceKeyId, SealingSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Sign(batch, deviceKey, deviceKeyId, session.SessionId, session.Start.ToUnixTimeSeconds());
    }

    /// <summary>Signs the batch naming a session by its id and start (Unix seconds); the result is the COSE_Sign1 bytes (tag 18).</summary>
    public static byte[] Sign(BatchContent batch, ECDsa deviceKey, byte[] deviceKeyId, byte[] sessionId, long sessionStart)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentOutOfRangeException.ThrowIfNegative(sessionStart);
        var payload = BatchEncoder.Encode(batch);
        var headers = new CoseHeaderMap
        {
            { CoseHeaderLabel.KeyIdentifier, deviceKeyId },
            { new CoseHeaderLabel(HeaderLabels.DeviceId), batch.DeviceId.Value },
            { new CoseHeaderLabel(HeaderLabels.Sequence), CoseHeaderValue.FromEncodedValue(EncodeUInt(batch.Sequence)) },
            { new CoseHeaderLabel(HeaderLabels.Created), CoseHeaderValue.FromEncodedValue(EncodeUInt(checked((ulong)batch.Created.ToUnixTimeMilliseconds()))) },
            { new CoseHeaderLabel(HeaderLabels.SessionId), sessionId },
            { new CoseHeaderLabel(HeaderLabels.SessionStart), CoseHeaderValue.FromEncodedValue(EncodeUInt((ulong)sessionStart)) },
        };
        var signer = new CoseSigner(deviceKey, HashAlgorithmName.SHA256, headers);
        return CoseSign1Message.SignEmbedded(payload, signer);
    }

    private static byte[] EncodeUInt(ulong value)
    {
        var writer = new System.Formats.Cbor.CborWriter();
        writer.WriteUInt64(value);
        return writer.Encode();
    }
}

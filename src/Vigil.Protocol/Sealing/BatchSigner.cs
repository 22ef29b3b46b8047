using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using Vigil.Domain.Readings;
using Vigil.Protocol.Batches;

namespace Vigil.Protocol.Sealing;

/// <summary>
/// Signs a batch as the inner COSE_Sign1 (RFC 9052 §4.2), ES256 with the device key, the batch
/// CBOR as embedded payload. The protected header carries alg, kid (the device certificate),
/// device id, sequence number and creation time, so the signature alone says who, which and when.
/// This signature is what travels with the readings into the health record.
/// </summary>
public static class BatchSigner
{
    /// <summary>Signs the batch; the result is the COSE_Sign1 bytes (tag 18).</summary>
    public static byte[] Sign(BatchContent batch, ECDsa deviceKey, byte[] deviceKeyId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var payload = BatchEncoder.Encode(batch);
        var headers = new CoseHeaderMap
        {
            { CoseHeaderLabel.KeyIdentifier, deviceKeyId },
            { new CoseHeaderLabel(HeaderLabels.DeviceId), batch.DeviceId.Value },
            { new CoseHeaderLabel(HeaderLabels.Sequence), CoseHeaderValue.FromEncodedValue(EncodeUInt(batch.Sequence)) },
            { new CoseHeaderLabel(HeaderLabels.Created), CoseHeaderValue.FromEncodedValue(EncodeUInt(checked((ulong)batch.Created.ToUnixTimeMilliseconds()))) },
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

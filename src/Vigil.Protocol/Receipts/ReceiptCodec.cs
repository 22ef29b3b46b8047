using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using Vigil.Domain.Devices;
using Vigil.Protocol.Cbor;

namespace Vigil.Protocol.Receipts;

/// <summary>
/// Signed receipts: a COSE_Sign1 (ES256) by the platform signing key whose payload is the CBOR
/// map <c>{1: device id, 2: sequence, 3: accepted at (Unix ms), 4: envelope SHA-256, 5: outcome}</c>
/// and whose protected header carries the signing certificate's kid. A device or relay keeps it
/// as proof that the platform took the batch.
/// </summary>
public static class ReceiptCodec
{
    /// <summary>Signs a receipt.</summary>
    public static byte[] Sign(Receipt receipt, ECDsa signingKey, byte[] signingKeyId)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var writer = new CborWriter(CborConformanceMode.Strict);
        writer.WriteStartMap(5);
        writer.WriteInt32(1);
        writer.WriteTextString(receipt.DeviceId.Value);
        writer.WriteInt32(2);
        writer.WriteUInt64(receipt.Sequence);
        writer.WriteInt32(3);
        writer.WriteInt64(receipt.AcceptedAt.ToUnixTimeMilliseconds());
        writer.WriteInt32(4);
        writer.WriteByteString(receipt.EnvelopeDigest);
        writer.WriteInt32(5);
        writer.WriteTextString(receipt.Outcome);
        writer.WriteEndMap();
        var headers = new CoseHeaderMap { { CoseHeaderLabel.KeyIdentifier, signingKeyId } };
        return CoseSign1Message.SignEmbedded(writer.Encode(), new CoseSigner(signingKey, HashAlgorithmName.SHA256, headers));
    }

    /// <summary>Verifies and reads a receipt; null if it does not verify or is malformed.</summary>
    public static Receipt? Verify(ReadOnlySpan<byte> signed, ECDsa platformSigningKey)
    {
        try
        {
            var message = CoseMessage.DecodeSign1(signed);
            if (message.Content is not { } content || !message.VerifyEmbedded(platformSigningKey))
            {
                return null;
            }

            var reader = new CborReader(content, CborConformanceMode.Strict);
            if (reader.ReadStartMap() != 5)
            {
                return null;
            }

            reader.ReadInt32();
            var device = reader.ReadTextString();
            reader.ReadInt32();
            var sequence = reader.ReadUInt64();
            reader.ReadInt32();
            var atMs = reader.ReadInt64();
            if (!ProtocolTime.IsValidMilliseconds(atMs))
            {
                return null;
            }

            var at = DateTimeOffset.FromUnixTimeMilliseconds(atMs);
            reader.ReadInt32();
            var digest = reader.ReadByteString();
            reader.ReadInt32();
            var outcome = reader.ReadTextString();
            return DeviceId.TryParse(device, out var id) ? new Receipt(id, sequence, at, digest, outcome) : null;
        }
        catch (Exception e) when (DecodeFailures.IsDecodeFailure(e))
        {
            return null;
        }
    }
}

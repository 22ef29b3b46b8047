using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Text;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Protocol.Cbor;

namespace Vigil.Protocol.Envelopes;

/// <summary>
/// Encodes and decodes the outer COSE_Encrypt0 (RFC 9052 §5.2), tag 16:
/// <c>[protected: bstr .cbor header, unprotected: {}, ciphertext: bstr]</c>, and builds its AAD,
/// the Enc_structure <c>["Encrypt0", protected, h'']</c> (RFC 9052 §5.3).
/// </summary>
public static class EnvelopeCodec
{
    /// <summary>Length of the AES-GCM tag appended to the ciphertext.</summary>
    public const int TagLength = 16;

    /// <summary>Encodes the protected header deterministically (keys 1, 4, 6, then -65537 down).</summary>
    public static byte[] EncodeProtectedHeader(EnvelopeHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        Span<byte> partialIv = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(partialIv, header.Sequence);
        var writer = new CborWriter(CborConformanceMode.Strict);
        writer.WriteStartMap(8);
        writer.WriteInt32(HeaderLabels.Algorithm);
        writer.WriteInt32(HeaderLabels.AlgA256Gcm);
        writer.WriteInt32(HeaderLabels.KeyId);
        writer.WriteByteString(header.RecipientKeyId);
        writer.WriteInt32(HeaderLabels.PartialIv);
        writer.WriteByteString(partialIv);
        writer.WriteInt32(HeaderLabels.Version);
        writer.WriteInt32(HeaderLabels.CurrentVersion);
        writer.WriteInt32(HeaderLabels.DeviceId);
        writer.WriteTextString(header.DeviceId.Value);
        writer.WriteInt32(HeaderLabels.SessionId);
        writer.WriteByteString(header.SessionId);
        writer.WriteInt32(HeaderLabels.SessionStart);
        writer.WriteInt64(header.SessionStart);
        writer.WriteInt32(HeaderLabels.EphemeralKey);
        writer.WriteStartMap(4);
        writer.WriteInt32(1);
        writer.WriteInt32(2);
        writer.WriteInt32(-1);
        writer.WriteInt32(1);
        writer.WriteInt32(-2);
        writer.WriteByteString(header.EphemeralPoint.AsSpan(1, 32));
        writer.WriteInt32(-3);
        writer.WriteByteString(header.EphemeralPoint.AsSpan(33, 32));
        writer.WriteEndMap();
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>The AAD of an envelope with these protected header bytes.</summary>
    public static byte[] Aad(ReadOnlySpan<byte> protectedHeader)
    {
        var writer = new CborWriter(CborConformanceMode.Strict);
        writer.WriteStartArray(3);
        writer.WriteTextString("Encrypt0");
        writer.WriteByteString(protectedHeader);
        writer.WriteByteString([]);
        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>Assembles the tagged COSE_Encrypt0.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> protectedHeader, ReadOnlySpan<byte> ciphertextAndTag)
    {
        var writer = new CborWriter(CborConformanceMode.Strict);
        writer.WriteTag((CborTag)HeaderLabels.TagEncrypt0);
        writer.WriteStartArray(3);
        writer.WriteByteString(protectedHeader);
        writer.WriteStartMap(0);
        writer.WriteEndMap();
        writer.WriteByteString(ciphertextAndTag);
        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>Decodes an untrusted envelope; never throws on bad input.</summary>
    public static ParseResult<ParsedEnvelope> TryDecode(ReadOnlyMemory<byte> envelope, ProtocolLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (envelope.Length > limits.MaxEnvelopeBytes)
        {
            return ParseResult<ParsedEnvelope>.Fail(OpenFailure.Oversized, $"envelope of {envelope.Length} bytes exceeds {limits.MaxEnvelopeBytes}");
        }

        if (CborGuard.Check(envelope, limits) is { } failure)
        {
            return ParseResult<ParsedEnvelope>.Fail(failure, "envelope failed the CBOR guard");
        }

        try
        {
            var reader = new CborReader(envelope, CborConformanceMode.Strict);
            if (reader.PeekState() != CborReaderState.Tag || (ulong)reader.ReadTag() != HeaderLabels.TagEncrypt0)
            {
                return ParseResult<ParsedEnvelope>.Fail(OpenFailure.Malformed, "not a tagged COSE_Encrypt0");
            }

            if (reader.ReadStartArray() != 3)
            {
                return ParseResult<ParsedEnvelope>.Fail(OpenFailure.Malformed, "COSE_Encrypt0 must have 3 elements");
            }

            var protectedBytes = reader.ReadByteString();
            if (reader.ReadStartMap() != 0)
            {
                return ParseResult<ParsedEnvelope>.Fail(OpenFailure.Malformed, "unprotected header must be empty");
            }

            reader.ReadEndMap();
            var ciphertext = reader.ReadByteString();
            reader.ReadEndArray();
            if (ciphertext.Length < TagLength)
            {
                return ParseResult<ParsedEnvelope>.Fail(OpenFailure.Malformed, "ciphertext shorter than the tag");
            }

            if (CborGuard.Check(protectedBytes, limits) is { } headerFailure)
            {
                return ParseResult<ParsedEnvelope>.Fail(headerFailure, "protected header failed the CBOR guard");
            }

            return DecodeHeader(protectedBytes) switch
            {
                { IsSuccess: true, Value: var header } => ParseResult<ParsedEnvelope>.Ok(new ParsedEnvelope(header, protectedBytes, ciphertext)),
                var bad => ParseResult<ParsedEnvelope>.Fail(bad.Failure, bad.Detail!),
            };
        }
        catch (Exception e) when (DecodeFailures.IsDecodeFailure(e))
        {
            return ParseResult<ParsedEnvelope>.Fail(OpenFailure.Malformed, "the envelope is not the COSE_Encrypt0 the protocol specifies");
        }
    }

    private static ParseResult<EnvelopeHeader> DecodeHeader(byte[] protectedBytes)
    {
        var reader = new CborReader(protectedBytes, CborConformanceMode.Strict);
        var count = reader.ReadStartMap() ?? 0;
        int? alg = null, version = null;
        byte[]? kid = null, partialIv = null, sessionId = null, x = null, y = null;
        string? device = null;
        long? start = null;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case HeaderLabels.Algorithm: alg = reader.ReadInt32(); break;
                case HeaderLabels.KeyId: kid = reader.ReadByteString(); break;
                case HeaderLabels.PartialIv: partialIv = reader.ReadByteString(); break;
                case HeaderLabels.Version: version = reader.ReadInt32(); break;
                case HeaderLabels.DeviceId: device = Encoding.UTF8.GetString(reader.ReadDefiniteLengthTextStringBytes().Span); break;
                case HeaderLabels.SessionId: sessionId = reader.ReadByteString(); break;
                case HeaderLabels.SessionStart: start = reader.ReadInt64(); break;
                case HeaderLabels.EphemeralKey: (x, y) = ReadCoseKey(reader); break;
                default: throw new FormatException("unknown protected header label");
            }
        }

        reader.ReadEndMap();
        if (version is null || alg is null || kid is null || partialIv is null || device is null || sessionId is null || start is null || x is null || y is null)
        {
            return ParseResult<EnvelopeHeader>.Fail(OpenFailure.Malformed, "protected header misses a required field");
        }

        if (!ProtocolTime.IsValidSeconds(start.Value))
        {
            return ParseResult<EnvelopeHeader>.Fail(OpenFailure.Malformed, "session start lies outside 1970-01-01 to 2099-12-31");
        }

        if (version != HeaderLabels.CurrentVersion)
        {
            return ParseResult<EnvelopeHeader>.Fail(OpenFailure.UnsupportedVersion, $"version {version}");
        }

        if (alg != HeaderLabels.AlgA256Gcm)
        {
            return ParseResult<EnvelopeHeader>.Fail(OpenFailure.UnsupportedAlgorithm, $"envelope algorithm {alg}");
        }

        if (partialIv.Length != 8 || sessionId.Length != EnvelopeHeader.SessionIdLength || kid.Length != CertificateKeyId.Length
            || x.Length != 32 || y.Length != 32 || start < 0)
        {
            return ParseResult<EnvelopeHeader>.Fail(OpenFailure.Malformed, "protected header field of the wrong size");
        }

        if (!DeviceId.TryParse(device, out var deviceId))
        {
            return ParseResult<EnvelopeHeader>.Fail(OpenFailure.Malformed, "device id is not valid");
        }

        var point = new byte[EnvelopeHeader.PointLength];
        point[0] = 0x04;
        x.CopyTo(point, 1);
        y.CopyTo(point, 33);
        return ParseResult<EnvelopeHeader>.Ok(new EnvelopeHeader(
            deviceId, sessionId, start.Value, BinaryPrimitives.ReadUInt64BigEndian(partialIv), kid, point));
    }

    private static (byte[] X, byte[] Y) ReadCoseKey(CborReader reader)
    {
        var count = reader.ReadStartMap() ?? 0;
        int? kty = null, crv = null;
        byte[]? x = null, y = null;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case 1: kty = reader.ReadInt32(); break;
                case -1: crv = reader.ReadInt32(); break;
                case -2: x = reader.ReadByteString(); break;
                case -3: y = reader.ReadByteString(); break;
                default: throw new FormatException("unknown COSE_Key label");
            }
        }

        reader.ReadEndMap();
        return kty == 2 && crv == 1 && x is not null && y is not null
            ? (x, y)
            : throw new FormatException("ephemeral key must be an EC2 P-256 COSE_Key");
    }
}

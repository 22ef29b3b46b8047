using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Protocol.Tests.Vectors;

/// <summary>
/// Checks a vector the way an independent implementation would, from docs/protocol.md alone:
/// only System.Formats.Cbor and the platform's cryptography, no Vigil decoding code.
/// </summary>
internal static class IndependentVectorCheck
{
    public static void Check(ProtocolVector v)
    {
        var envelope = Convert.FromHexString(v.Envelope);
        var outer = new CborReader(envelope);
        Assert.Equal(16UL, (ulong)outer.ReadTag());
        Assert.Equal(3, outer.ReadStartArray());
        var protectedHeader = outer.ReadByteString();
        Assert.Equal(0, outer.ReadStartMap());
        outer.ReadEndMap();
        var ciphertext = outer.ReadByteString();
        outer.ReadEndArray();
        Assert.Equal(v.ProtectedHeader, Convert.ToHexStringLower(protectedHeader));

        var header = ReadIntMap(new CborReader(protectedHeader));
        Assert.Equal(3L, header[1]);
        Assert.Equal(2L, header[-65537]);
        Assert.Equal(v.RecipientKid, Convert.ToHexStringLower((byte[])header[4]));
        Assert.Equal(v.Sequence, BinaryPrimitives.ReadUInt64BigEndian((byte[])header[6]));
        Assert.Equal(v.DeviceId, (string)header[-65538]);
        Assert.Equal(v.SessionId, Convert.ToHexStringLower((byte[])header[-65539]));
        Assert.Equal(v.SessionStart, (long)header[-65540]);
        var coseKey = (Dictionary<long, object>)header[-65541];
        Assert.Equal(2L, coseKey[1]);
        Assert.Equal(1L, coseKey[-1]);
        byte[] point = [0x04, .. (byte[])coseKey[-2], .. (byte[])coseKey[-3]];
        Assert.Equal(v.EphemeralPoint, Convert.ToHexStringLower(point));

        using var platform = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = Convert.FromHexString(v.PlatformPrivateD) });
        using var ephemeral = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33], Y = point[33..] },
        });
        var shared = platform.DeriveRawSecretAgreement(ephemeral.PublicKey);
        Assert.Equal(v.SharedSecret, Convert.ToHexStringLower(shared));

        var info = new CborWriter();
        info.WriteStartArray(6);
        info.WriteTextString("Vigil-Batch-v1");
        info.WriteTextString(v.DeviceId);
        info.WriteByteString((byte[])header[-65539]);
        info.WriteInt64(v.SessionStart);
        info.WriteByteString(point);
        info.WriteByteString((byte[])header[4]);
        info.WriteEndArray();
        Assert.Equal(v.HkdfInfo, Convert.ToHexStringLower(info.Encode()));
        var okm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 44, (byte[])header[-65539], info.Encode());
        var nonce = okm[32..44];
        var partialIv = (byte[])header[6];
        for (var i = 0; i < 8; i++)
        {
            nonce[4 + i] ^= partialIv[i];
        }

        Assert.Equal(v.Nonce, Convert.ToHexStringLower(nonce));
        var aad = new CborWriter();
        aad.WriteStartArray(3);
        aad.WriteTextString("Encrypt0");
        aad.WriteByteString(protectedHeader);
        aad.WriteByteString([]);
        aad.WriteEndArray();
        Assert.Equal(v.Aad, Convert.ToHexStringLower(aad.Encode()));

        var plain = new byte[ciphertext.Length - 16];
        using var gcm = new AesGcm(okm[..32], 16);
        if (v.ExpectedResult == "decryption-failed")
        {
            Assert.Throws<AuthenticationTagMismatchException>(() => gcm.Decrypt(nonce, ciphertext.AsSpan(0, plain.Length), ciphertext.AsSpan(plain.Length), plain, aad.Encode()));
            return;
        }

        gcm.Decrypt(nonce, ciphertext.AsSpan(0, plain.Length), ciphertext.AsSpan(plain.Length), plain, aad.Encode());
        Assert.Equal(v.SignedBatch, Convert.ToHexStringLower(plain));
        CheckSignature(v, plain);
    }

    private static void CheckSignature(ProtocolVector v, byte[] signed)
    {
        var reader = new CborReader(signed);
        Assert.Equal(18UL, (ulong)reader.ReadTag());
        Assert.Equal(4, reader.ReadStartArray());
        var protectedHeader = reader.ReadByteString();
        reader.ReadStartMap();
        reader.ReadEndMap();
        var payload = reader.ReadByteString();
        var signature = reader.ReadByteString();
        var header = ReadIntMap(new CborReader(protectedHeader));
        Assert.Equal(-7L, header[1]);
        Assert.Equal(v.DeviceKid, Convert.ToHexStringLower((byte[])header[4]));
        Assert.Equal(v.DeviceId, (string)header[-65538]);
        Assert.Equal((long)v.Sequence, (long)header[-65542]);
        Assert.Equal(v.Batch!.CreatedMs, (long)header[-65543]);
        Assert.Equal(v.SessionId, Convert.ToHexStringLower((byte[])header[-65539]));
        Assert.Equal(v.SessionStart, (long)header[-65540]);

        var toBeSigned = new CborWriter();
        toBeSigned.WriteStartArray(4);
        toBeSigned.WriteTextString("Signature1");
        toBeSigned.WriteByteString(protectedHeader);
        toBeSigned.WriteByteString([]);
        toBeSigned.WriteByteString(payload);
        toBeSigned.WriteEndArray();
        using var device = X509CertificateLoader.LoadCertificate(Convert.FromHexString(v.DeviceCertificateDer));
        using var key = device.GetECDsaPublicKey()!;
        Assert.True(key.VerifyData(toBeSigned.Encode(), signature, HashAlgorithmName.SHA256));
        Assert.Equal(v.SignedContentSha256, Convert.ToHexStringLower(SHA256.HashData(toBeSigned.Encode())));
        Assert.Equal(v.Payload, Convert.ToHexStringLower(payload));
        CheckPayload(v, payload);
    }

    private static void CheckPayload(ProtocolVector v, byte[] payload)
    {
        var batch = ReadIntMap(new CborReader(payload));
        var expected = v.Batch!;
        Assert.Equal(1L, batch[1]);
        Assert.Equal(v.DeviceId, (string)batch[2]);
        Assert.Equal((long)v.Sequence, (long)batch[3]);
        Assert.Equal(expected.CreatedMs, (long)batch[4]);
        Assert.Equal(expected.FirmwareDigest, Convert.ToHexStringLower((byte[])batch[5]));
        var readings = (List<object>)batch[6];
        Assert.Equal(expected.Readings.Count, readings.Count);
        for (var i = 0; i < readings.Count; i++)
        {
            var r = (Dictionary<long, object>)readings[i];
            var e = expected.Readings[i];
            Assert.Equal((long)e.Kind, r[1]);
            Assert.Equal(e.TimeMs, expected.CreatedMs + (long)r[2]);
            Assert.Equal(e.Values, r.TryGetValue(3, out var values) ? ((List<object>)values).Select(Convert.ToDouble).ToList() : []);
            Assert.Equal(e.Unit, (string)r[4]);
            Assert.Equal((long)e.Flags, r.TryGetValue(5, out var flags) ? (long)flags : 0L);
            Assert.Equal(e.Code, r.TryGetValue(6, out var code) ? (string)code : null);
            if (e.WaveformSamples is { } samples)
            {
                var waveform = (List<object>)r[7];
                Assert.Equal((long)e.WaveformRateHz!, waveform[0]);
                Assert.Equal(e.WaveformScale!.Value, Convert.ToDouble(waveform[1]));
                var bytes = (byte[])waveform[2];
                var decoded = Enumerable.Range(0, bytes.Length / 2).Select(j => BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(j * 2))).ToList();
                Assert.Equal(samples, decoded);
            }
        }
    }

    private static Dictionary<long, object> ReadIntMap(CborReader reader)
    {
        var map = new Dictionary<long, object>();
        var count = reader.ReadStartMap()!.Value;
        for (var i = 0; i < count; i++)
        {
            map.Add(reader.ReadInt64(), ReadAny(reader));
        }

        reader.ReadEndMap();
        return map;
    }

    private static object ReadAny(CborReader reader) => reader.PeekState() switch
    {
        CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger => reader.ReadInt64(),
        CborReaderState.ByteString => reader.ReadByteString(),
        CborReaderState.TextString => reader.ReadTextString(),
        CborReaderState.HalfPrecisionFloat => (double)reader.ReadHalf(),
        CborReaderState.SinglePrecisionFloat => (double)reader.ReadSingle(),
        CborReaderState.DoublePrecisionFloat => reader.ReadDouble(),
        CborReaderState.StartMap => ReadIntMap(reader),
        CborReaderState.StartArray => ReadArray(reader),
        var s => throw new InvalidDataException($"unexpected {s}"),
    };

    private static List<object> ReadArray(CborReader reader)
    {
        var list = new List<object>();
        var count = reader.ReadStartArray()!.Value;
        for (var i = 0; i < count; i++)
        {
            list.Add(ReadAny(reader));
        }

        reader.ReadEndArray();
        return list;
    }
}

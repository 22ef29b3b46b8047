using System.Formats.Cbor;
using System.Security.Cryptography;
using Vigil.Protocol.Sealing;

namespace Vigil.Protocol.Tests;

/// <summary>Sealed batches refused for their size or shape: beyond a limit, nested too deep, of an unknown kind, malformed, or for no enrolled device.</summary>
public sealed class ShapeFailureTests
{
    [Fact]
    public void Open_LargerThanTheLimit_FailsOversized()
    {
        using var platform = new TestPlatform(ProtocolLimits.Default with { MaxEnvelopeBytes = 1024 });
        var device = platform.Enroll("big-1");
        var time = platform.Time.GetUtcNow();
        var readings = Enumerable.Range(0, 100).Select(i => TestDevice.Glucose(time.AddMinutes(-i), 100 + i)).ToArray();

        Assert.Equal(OpenFailure.Oversized, platform.Opener.Open(device.Seal(1, readings)).Failure);
    }

    public static TheoryData<string> BeyondALimit => ["readings", "values", "unit", "code", "samples"];

    [Theory]
    [MemberData(nameof(BeyondALimit))]
    public void Open_AnyCountOrLengthBeyondItsLimit_FailsOversized(string limit)
    {
        using var platform = new TestPlatform(ProtocolLimits.Default with { MaxEnvelopeBytes = 1024 * 1024 });
        var device = platform.Enroll($"limit-{limit}");
        var created = DateTimeOffset.FromUnixTimeMilliseconds(platform.Time.GetUtcNow().ToUnixTimeMilliseconds());
        var limits = ProtocolLimits.Default;
        var payload = limit switch
        {
            "readings" => RawBatch(device, created, limits.MaxReadings + 1, values: 1, unit: "mg/dL"),
            "values" => RawBatch(device, created, 1, values: limits.MaxValuesPerReading + 1, unit: "mg/dL"),
            "unit" => RawBatch(device, created, 1, values: 1, unit: new string('m', limits.MaxTextBytes + 1)),
            "code" => RawBatch(device, created, 1, values: 1, unit: "mg/dL", code: new string('c', limits.MaxTextBytes + 1)),
            _ => RawBatch(device, created, 1, values: 0, unit: "mV", samples: limits.MaxWaveformSamples + 1),
        };
        var signed = System.Security.Cryptography.Cose.CoseSign1Message.SignEmbedded(payload, SignerFor(device, 1, created));

        var result = platform.Opener.Open(device.Session.Encrypt(signed, 1));

        Assert.Equal(OpenFailure.Oversized, result.Failure);
    }

    // A batch payload written field by field as docs/protocol.md specifies it, with no checks, so that it can break a limit.
    private static byte[] RawBatch(TestDevice device, DateTimeOffset created, int readings, int values, string unit, string? code = null, int samples = 0)
    {
        var writer = new CborWriter(CborConformanceMode.Strict);
        writer.WriteStartMap(6);
        writer.WriteUInt32(1);
        writer.WriteInt32(1);
        writer.WriteUInt32(2);
        writer.WriteTextString(device.Id.Value);
        writer.WriteUInt32(3);
        writer.WriteUInt64(1);
        writer.WriteUInt32(4);
        writer.WriteUInt64((ulong)created.ToUnixTimeMilliseconds());
        writer.WriteUInt32(5);
        writer.WriteByteString(new byte[32]);
        writer.WriteUInt32(6);
        writer.WriteStartArray(readings);
        for (var r = 0; r < readings; r++)
        {
            writer.WriteStartMap(3 + (values > 0 ? 1 : 0) + (code is null ? 0 : 1) + (samples > 0 ? 1 : 0));
            writer.WriteUInt32(1);
            writer.WriteUInt32(samples > 0 ? 7u : 1u);
            writer.WriteUInt32(2);
            writer.WriteInt64(-r);
            if (values > 0)
            {
                writer.WriteUInt32(3);
                writer.WriteStartArray(values);
                for (var v = 0; v < values; v++)
                {
                    writer.WriteDouble(104.5);
                }

                writer.WriteEndArray();
            }

            writer.WriteUInt32(4);
            writer.WriteTextString(unit);
            if (code is not null)
            {
                writer.WriteUInt32(6);
                writer.WriteTextString(code);
            }

            if (samples > 0)
            {
                writer.WriteUInt32(7);
                writer.WriteStartArray(3);
                writer.WriteInt32(250);
                writer.WriteDouble(0.005);
                writer.WriteByteString(new byte[samples * 2]);
                writer.WriteEndArray();
            }

            writer.WriteEndMap();
        }

        writer.WriteEndArray();
        writer.WriteEndMap();
        return writer.Encode();
    }

    [Fact]
    public void Open_DeeplyNestedCbor_FailsNestingTooDeep()
    {
        using var platform = new TestPlatform();
        var writer = new CborWriter();
        writer.WriteTag((CborTag)16);
        for (var i = 0; i < 40; i++)
        {
            writer.WriteStartArray(1);
        }

        writer.WriteInt32(0);
        for (var i = 0; i < 40; i++)
        {
            writer.WriteEndArray();
        }

        Assert.Equal(OpenFailure.NestingTooDeep, platform.Opener.Open(writer.Encode()).Failure);
    }

    [Fact]
    public void Open_DeeplyNestedPayloadInsideAValidSignature_FailsNestingTooDeep()
    {
        using var platform = new TestPlatform();
        var device = platform.Enroll("nest-1");
        var writer = new CborWriter();
        for (var i = 0; i < 20; i++)
        {
            writer.WriteStartMap(1);
            writer.WriteInt32(1);
        }

        writer.WriteInt32(0);
        for (var i = 0; i < 20; i++)
        {
            writer.WriteEndMap();
        }

        var signed = System.Security.Cryptography.Cose.CoseSign1Message.SignEmbedded(writer.Encode(), SignerFor(device, 1, platform.Time.GetUtcNow()));

        Assert.Equal(OpenFailure.NestingTooDeep, platform.Opener.Open(device.Session.Encrypt(signed, 1)).Failure);
    }

    [Fact]
    public void Open_ReadingOfAnUnknownKind_FailsInvalidContent()
    {
        using var platform = new TestPlatform();
        var device = platform.Enroll("kind-1");
        var payload = Batches.BatchEncoder.Encode(device.Batch(1));
        var tampered = payload.ToArray();
        var index = FindKindCode(tampered);
        tampered[index] = 0x17;
        var signed = System.Security.Cryptography.Cose.CoseSign1Message.SignEmbedded(tampered, SignerFor(device, 1, device.Batch(1).Created));

        var result = platform.Opener.Open(device.Session.Encrypt(signed, 1));

        Assert.Equal(OpenFailure.InvalidContent, result.Failure);
    }

    [Fact]
    public void Open_EnvelopeForAnUnenrolledDevice_FailsUnknownDevice()
    {
        using var platform = new TestPlatform();
        using var other = new TestPlatform();
        var stranger = other.Enroll("stranger");
        stranger.Session = SealingSession.Begin(stranger.Id, platform.Recipient, platform.Time.GetUtcNow());

        Assert.Equal(OpenFailure.UnknownDevice, platform.Opener.Open(stranger.Seal(1)).Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("d0")]
    [InlineData("d08340a040")]
    [InlineData("d28443a10126a04040")]
    [InlineData("ff")]
    [InlineData("9f01ff")]
    public void Open_MalformedInput_FailsMalformed(string hex)
    {
        using var platform = new TestPlatform();

        Assert.Equal(OpenFailure.Malformed, platform.Opener.Open(Convert.FromHexString(hex)).Failure);
    }

    private static int FindKindCode(byte[] payload)
    {
        // The first reading map starts "a? 01 01": key 1 (kind) with the glucose code 1.
        for (var i = 0; i + 2 < payload.Length; i++)
        {
            if ((payload[i] & 0xE0) == 0xA0 && payload[i + 1] == 0x01 && payload[i + 2] == 0x01 && i > 40)
            {
                return i + 2;
            }
        }

        throw new InvalidOperationException("no reading kind found");
    }

    private static System.Security.Cryptography.Cose.CoseSigner SignerFor(TestDevice device, ulong sequence, DateTimeOffset created)
    {
        static byte[] UInt(ulong v)
        {
            var w = new CborWriter();
            w.WriteUInt64(v);
            return w.Encode();
        }

        var headers = new System.Security.Cryptography.Cose.CoseHeaderMap
        {
            { System.Security.Cryptography.Cose.CoseHeaderLabel.KeyIdentifier, device.KeyId },
            { new System.Security.Cryptography.Cose.CoseHeaderLabel(HeaderLabels.DeviceId), device.Id.Value },
            { new System.Security.Cryptography.Cose.CoseHeaderLabel(HeaderLabels.Sequence), System.Security.Cryptography.Cose.CoseHeaderValue.FromEncodedValue(UInt(sequence)) },
            { new System.Security.Cryptography.Cose.CoseHeaderLabel(HeaderLabels.Created), System.Security.Cryptography.Cose.CoseHeaderValue.FromEncodedValue(UInt((ulong)created.ToUnixTimeMilliseconds())) },
            { new System.Security.Cryptography.Cose.CoseHeaderLabel(HeaderLabels.SessionId), device.Session.SessionId },
            { new System.Security.Cryptography.Cose.CoseHeaderLabel(HeaderLabels.SessionStart), System.Security.Cryptography.Cose.CoseHeaderValue.FromEncodedValue(UInt((ulong)device.Session.Start.ToUnixTimeSeconds())) },
        };
        return new System.Security.Cryptography.Cose.CoseSigner(device.Key, HashAlgorithmName.SHA256, headers);
    }
}

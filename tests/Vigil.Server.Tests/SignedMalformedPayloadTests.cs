using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Protocol;
using Vigil.Protocol.Batches;
using Vigil.Protocol.Sealing;

namespace Vigil.Server.Tests;

/// <summary>
/// What a compromised or buggy device sends: a payload mutated before it is signed, so that the
/// device's signature over it is valid. Every such batch gets a named code, never a 500.
/// </summary>
public sealed class SignedMalformedPayloadTests(SignedMalformedPayloadTests.UnthrottledServer server) : IClassFixture<SignedMalformedPayloadTests.UnthrottledServer>
{
    [Fact]
    public async Task MutatedPayload_SignedByTheDevice_AlwaysGetsANamedCode()
    {
        var device = await server.DeviceAsync("mutant-1");
        await server.Registry.AddPatientAsync(PatientId.Parse("p-mutant"), "Mutant payload patient", DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken);
        await server.Registry.BindDeviceToPatientAsync(device.Id, PatientId.Parse("p-mutant"), cancellationToken: TestContext.Current.CancellationToken);
        await server.RegistryChanged();
        using var https = server.Https(device.Certificate);
        using var key = device.Certificate.GetECDsaPrivateKey()!;
        var keyId = Vigil.Identity.Certificates.CertificateKeyId.Of(device.Certificate);
        var session = SealingSession.Begin(device.Id, server.Recipient, DateTimeOffset.UtcNow);
        var random = new Random(20261206);
        var failures = new List<string>();
        ulong sequence = 0;
        for (var i = 0; i < Count; i++)
        {
            var created = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            var kind = (Vigil.Domain.Devices.SensorKind)(1 + (i % 5));
            var batch = new BatchContent(device.Id, ++sequence, created, SHA256.HashData("fw"u8), [.. Vigil.Simulator.Sensors.SensorReadings.Batch(kind, created, random)]);
            var payload = BatchEncoder.Encode(batch);
            Mutate(payload, random);
            // A device signs what it encoded: its headers say what its payload says, in a session of that time.
            var decoded = BatchDecoder.TryDecode(payload, new ProtocolLimits());
            var claimed = decoded.IsSuccess ? decoded.Value : batch;
            var own = claimed.Created.ToUnixTimeSeconds() >= 0 ? SealingSession.Begin(claimed.DeviceId, server.Recipient, claimed.Created) : session;
            var envelope = own.Encrypt(Sign(payload, claimed, key, keyId, own), claimed.Sequence);

            var (status, code, body) = await https.PostAsync($"/api/v1/devices/{device.Id.Value}/batches", envelope, "application/cose", TestContext.Current.CancellationToken);

            if (status >= 500 || string.IsNullOrEmpty(code))
            {
                failures.Add($"{status} {code} for payload {Convert.ToHexString(payload)}: {System.Text.Encoding.UTF8.GetString(body)}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Count} got no named code:\n{string.Join('\n', failures.Take(5))}");
    }

    private const int Count = 500;

    /// <summary>
    /// Times near the end of what the platform's clocks represent made the session rule's
    /// arithmetic overflow into a 500; every time on the wire now lies before 2100.
    /// </summary>
    [Theory]
    [InlineData(9223372036854775808UL, 0L, "stored")]
    [InlineData(18446744073709551615UL, 0L, "stored")]
    [InlineData(5UL, 253402300799000L, "malformed")]
    [InlineData(6UL, 253402300000000L, "malformed")]
    [InlineData(7UL, 4102444800000L, "malformed")]
    [InlineData(8UL, 4102444799000L, "stored")]
    [InlineData(9UL, 1000L, "stored")]
    public async Task EdgeOfRange_SignedByTheDevice_GetsANamedCode(ulong sequence, long createdMs, string expected)
    {
        var device = await server.DeviceAsync($"edge-{sequence % 1000}-{createdMs % 1000}");
        using var https = server.Https(device.Certificate);
        using var key = device.Certificate.GetECDsaPrivateKey()!;
        var keyId = Vigil.Identity.Certificates.CertificateKeyId.Of(device.Certificate);
        var created = createdMs == 0 ? DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) : DateTimeOffset.FromUnixTimeMilliseconds(createdMs);
        var session = SealingSession.Begin(device.Id, server.Recipient, created);
        var batch = new BatchContent(device.Id, sequence, created, SHA256.HashData("fw"u8), [Reading.Single(MeasurementKind.Glucose, created, 104, "mg/dL")]);
        var envelope = session.Encrypt(Sign(BatchEncoder.Encode(batch), batch, key, keyId, session), sequence);

        var (status, code, body) = await https.PostAsync($"/api/v1/devices/{device.Id.Value}/batches", envelope, "application/cose", TestContext.Current.CancellationToken);

        Assert.True(status < 500 && code == expected, $"{status} {code} {System.Text.Encoding.UTF8.GetString(body)}");
    }

    [Fact]
    public async Task EmptyBatch_SignedByTheDevice_GetsANamedCode()
    {
        var device = await server.DeviceAsync("mutant-empty");
        using var https = server.Https(device.Certificate);
        var sealed_ = device.Sealer.Seal([]);

        var (status, code, body) = await https.PostAsync($"/api/v1/devices/{device.Id.Value}/batches", sealed_.Envelope, "application/cose", TestContext.Current.CancellationToken);

        Assert.True(status < 500 && code.Length > 0, $"{status} {code} {System.Text.Encoding.UTF8.GetString(body)}");
    }

    /// <summary>A server that lets one device send as fast as the test can.</summary>
    public sealed class UnthrottledServer : ServerFixture
    {
        public override async ValueTask InitializeAsync()
        {
            Settings["Vigil:DeviceRatePerSecond"] = "100000";
            Settings["Vigil:DeviceBurst"] = "100000";
            await StartAsync();
        }
    }

    private static Reading[] Readings(DateTimeOffset created) =>
    [
        Reading.Single(MeasurementKind.Glucose, created.AddMinutes(-15), 70, "mg/dL"),
        Reading.Single(MeasurementKind.Glucose, created.AddMinutes(-10), 64, "mg/dL"),
        Reading.Single(MeasurementKind.GlucoseTrend, created.AddMinutes(-5), -1.5, "mg/dL/min"),
        Reading.Single(MeasurementKind.PulseRate, created.AddMinutes(-1), 72, "/min"),
        Reading.Single(MeasurementKind.HeartRate, created.AddMinutes(-1), 74, "/min"),
        Reading.Single(MeasurementKind.BodyTemperature, created.AddMinutes(-3), 37.2, "Cel"),
        Reading.Single(MeasurementKind.RespiratoryRate, created.AddMinutes(-3), 16, "/min"),
        new Reading(MeasurementKind.BreathVoc, created.AddMinutes(-4), [12.5], "ppb", Code: "acetone"),
        new Reading(MeasurementKind.BreathDiagnosis, created.AddMinutes(-4), [1, 0.93], "1", Code: "53084003"),
        Reading.Single(MeasurementKind.Glucose, created.AddMinutes(-5), 104, "mg/dL"),
        Reading.Single(MeasurementKind.OxygenSaturation, created.AddMinutes(-1), 97, "%"),
        new Reading(MeasurementKind.BloodPressure, created.AddMinutes(-2), [121, 79, 93], "mm[Hg]"),
        new Reading(MeasurementKind.EcgWaveform, created.AddSeconds(-10), [], "uV", Waveform: new Waveform(250, 1.0, Enumerable.Range(0, 50).Select(s => (short)(s * 7)).ToArray())),
    ];

    // One to three bit flips anywhere in the payload, or a byte set to a value CBOR gives meaning to.
    private static void Mutate(byte[] payload, Random random)
    {
        byte[] telling = [0x00, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1f, 0x20, 0x3b, 0x7f, 0x80, 0xf9, 0xfa, 0xfb, 0xff];
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = random.Next(payload.Length);
            payload[at] = random.Next(3) == 0 ? telling[random.Next(telling.Length)] : (byte)(payload[at] ^ (1 << random.Next(8)));
        }
    }

    private static byte[] Sign(byte[] payload, BatchContent batch, ECDsa key, byte[] keyId, SealingSession session)
    {
        var headers = new CoseHeaderMap
        {
            { CoseHeaderLabel.KeyIdentifier, keyId },
            { new CoseHeaderLabel(HeaderLabels.DeviceId), batch.DeviceId.Value },
            { new CoseHeaderLabel(HeaderLabels.Sequence), CoseHeaderValue.FromEncodedValue(UInt(batch.Sequence)) },
            { new CoseHeaderLabel(HeaderLabels.Created), CoseHeaderValue.FromEncodedValue(UInt((ulong)batch.Created.ToUnixTimeMilliseconds())) },
            { new CoseHeaderLabel(HeaderLabels.SessionId), session.SessionId },
            { new CoseHeaderLabel(HeaderLabels.SessionStart), CoseHeaderValue.FromEncodedValue(UInt((ulong)session.Start.ToUnixTimeSeconds())) },
        };
        return CoseSign1Message.SignEmbedded(payload, new CoseSigner(key, HashAlgorithmName.SHA256, headers));
    }

    private static byte[] UInt(ulong value)
    {
        var writer = new CborWriter();
        writer.WriteUInt64(value);
        return writer.Encode();
    }
}

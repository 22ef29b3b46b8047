using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Identity.Certificates;
using Vigil.Protocol.Batches;
using Vigil.Protocol.Envelopes;
using Vigil.Protocol.Sealing;
using Vigil.Protocol.Sessions;

namespace Vigil.Protocol.Tests.Vectors;

/// <summary>
/// Builds docs/protocol-vectors.json. Every private key is SHA-256 of a fixed label, so keys,
/// session secrets, nonces and ciphertexts are reproducible; only the ECDSA signatures (and so
/// the certificates) differ between regenerations, and the file pins them.
/// </summary>
internal static class VectorGenerator
{
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static ProtocolVectorFile Generate()
    {
        using var makerKey = KeyFromLabel<ECDsa>("vigil vector maker ca");
        var makerRequest = new CertificateRequest("CN=Vector Maker Device CA, O=Vector Maker", makerKey, HashAlgorithmName.SHA256);
        makerRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        makerRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        makerRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(makerRequest.PublicKey, false));
        using var makerCa = makerRequest.CreateSelfSigned(Created.AddDays(-30), Created.AddYears(10));
        var maker = new MakerAuthority(makerCa);

        using var platformKey = KeyFromLabel<ECDiffieHellman>("vigil vector platform ingest");
        using var platformPublic = ECDsa.Create(platformKey.ExportParameters(false));
        var platformRequest = new CertificateRequest("CN=Vector Platform ingest", platformPublic, HashAlgorithmName.SHA256);
        platformRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyAgreement, true));
        using var platformCert = platformRequest.Create(makerCa, Created.AddDays(-30), Created.AddYears(2), [1]);
        var recipient = RecipientKey.FromCertificate(platformCert);

        ProtocolVector[] vectors =
        [
            Build("cgm-one-reading", "A CGM batch with one glucose reading.", "cgm-v1", 1, maker, platformKey, platformCert, recipient,
                [Reading.Single(MeasurementKind.Glucose, Created, 104, "mg/dL")], tamper: false),
            Build("bp-cuff", "A blood-pressure cuff batch: pressure triple, pulse, and a flagged artefact reading.", "bp-v1", 7, maker, platformKey, platformCert, recipient,
                [
                    new Reading(MeasurementKind.BloodPressure, Created.AddSeconds(-30), [128, 82, 97.3], "mm[Hg]"),
                    Reading.Single(MeasurementKind.PulseRate, Created.AddSeconds(-30), 71, "/min", ReadingFlags.Artifact),
                ], tamper: false),
            Build("ecg-one-second", "An ECG batch: 250 samples at 250 Hz, 2.5 uV per count, and heart rate.", "ecg-v1", 4_294_967_296, maker, platformKey, platformCert, recipient,
                [
                    new Reading(MeasurementKind.EcgWaveform, Created.AddSeconds(-1), [], "uV", Waveform: new Waveform(250, 2.5, Enumerable.Range(0, 250).Select(i => (short)((i * 37 % 401) - 200)).ToArray())),
                    Reading.Single(MeasurementKind.HeartRate, Created, 72, "/min"),
                ], tamper: false),
            Build("tampered-ciphertext", "The CGM vector with one ciphertext bit flipped: must fail with decryption-failed.", "cgm-v1", 2, maker, platformKey, platformCert, recipient,
                [Reading.Single(MeasurementKind.Glucose, Created, 55, "mg/dL")], tamper: true),
        ];
        return new ProtocolVectorFile
        {
            Description = "Vigil sealed-batch protocol v2 test vectors (docs/protocol.md). Keys are SHA-256 of fixed labels; for testing only.",
            Vectors = vectors,
        };
    }

    private static ProtocolVector Build(
        string name, string comment, string deviceName, ulong sequence, MakerAuthority maker, ECDiffieHellman platformKey,
        X509Certificate2 platformCert, RecipientKey recipient, Reading[] readings, bool tamper)
    {
        var device = DeviceId.Parse(deviceName);
        using var deviceCert = maker.IssueDevice(device, new DeviceAttributes("VEC", "L1", deviceName, "1.0"), Created.AddDays(-1), Created.AddYears(3));
        using var deviceKey = deviceCert.GetECDsaPrivateKey()!;
        var deviceKid = CertificateKeyId.Of(deviceCert);
        using var ephemeral = KeyFromLabel<ECDiffieHellman>("vigil vector ephemeral " + name);
        var sessionId = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("vigil vector session " + name))[..16];
        var session = SealingSession.Create(device, recipient, sessionId, Created.AddMinutes(-10), ephemeral);

        var batch = new BatchContent(device, sequence, Created, SHA256.HashData("vector firmware"u8), readings);
        var payload = BatchEncoder.Encode(batch);
        var signed = BatchSigner.Sign(batch, deviceKey, deviceKid, session);
        var envelope = session.Encrypt(signed, sequence);

        var point = SealingSession.UncompressedPoint(ephemeral.ExportParameters(false));
        var shared = ephemeral.DeriveRawSecretAgreement(platformKey.PublicKey);
        var start = session.Start.ToUnixTimeSeconds();
        var secrets = SessionKeyDerivation.Derive(shared, device, sessionId, start, point, recipient.KeyId);
        var nonce = new byte[12];
        secrets.Nonce(sequence, nonce);
        var parsed = EnvelopeCodec.TryDecode(envelope, ProtocolLimits.Default).Value!;
        if (tamper)
        {
            envelope[^5] ^= 0x01;
        }

        return new ProtocolVector
        {
            Name = name,
            Comment = comment,
            MakerCaDer = Hex(maker.Certificate.RawData),
            DeviceCertificateDer = Hex(deviceCert.RawData),
            DeviceKid = Hex(deviceKid),
            PlatformPrivateD = Hex(platformKey.ExportParameters(true).D!),
            PlatformCertificateDer = Hex(platformCert.RawData),
            RecipientKid = Hex(recipient.KeyId),
            EphemeralPrivateD = Hex(ephemeral.ExportParameters(true).D!),
            EphemeralPoint = Hex(point),
            DeviceId = device.Value,
            SessionId = Hex(sessionId),
            SessionStart = start,
            Sequence = sequence,
            SharedSecret = Hex(shared),
            HkdfInfo = Hex(SessionKeyDerivation.Info(device, sessionId, start, point, recipient.KeyId)),
            ContentKey = Hex(secrets.Key),
            BaseIv = Hex(secrets.BaseIv),
            Nonce = Hex(nonce),
            Payload = Hex(payload),
            SignedBatch = Hex(signed),
            SignedContentSha256 = Hex(Protocol.Opening.BatchSignature.ContentDigestOf(signed)!),
            ProtectedHeader = Hex(parsed.ProtectedHeader),
            Aad = Hex(EnvelopeCodec.Aad(parsed.ProtectedHeader)),
            Envelope = Hex(envelope),
            ExpectedResult = tamper ? OpenFailure.DecryptionFailed.ToCode() : "ok",
            Batch = tamper ? null : new ExpectedBatch
            {
                CreatedMs = Created.ToUnixTimeMilliseconds(),
                FirmwareDigest = Hex(batch.FirmwareDigest.Span),
                Readings = readings.Select(r => new ExpectedReading
                {
                    Kind = (int)r.Kind,
                    TimeMs = r.Time.ToUnixTimeMilliseconds(),
                    Values = r.Values,
                    Unit = r.Unit,
                    Flags = (int)r.Flags,
                    Code = r.Code,
                    WaveformRateHz = r.Waveform?.SampleRateHz,
                    WaveformScale = r.Waveform?.Scale,
                    WaveformSamples = r.Waveform?.Samples.ToArray(),
                }).ToList(),
            },
        };
    }

    private static T KeyFromLabel<T>(string label)
        where T : ECAlgorithm
    {
        var parameters = new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(label)) };
        return typeof(T) == typeof(ECDsa) ? (T)(ECAlgorithm)ECDsa.Create(parameters) : (T)(ECAlgorithm)ECDiffieHellman.Create(parameters);
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;
using Vigil.Protocol;
using Vigil.Protocol.Batches;
using Vigil.Protocol.Cbor;
using Vigil.Protocol.Envelopes;
using Vigil.Protocol.Opening;
using Vigil.Protocol.Receipts;
using Vigil.Record.Ledger;
using Vigil.Record.Witness;
using Vigil.Server.Gateway;

namespace Vigil.Fuzz;

/// <summary>Every parser of Vigil that reads bytes an outsider controls, as a fuzz target.</summary>
internal static class Targets
{
    private const string Origin = "vigil.ledger/fuzz";
    private static readonly ProtocolLimits Limits = new();
    private static readonly ECDsa LogKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The targets by name.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("envelope", "a sealed batch as any relay or attacker sends it (COSE_Encrypt0)", Envelope,
            () => Seeds.FromVectors("envelope").Concat(Seeds.FromSimulator(s => s.Envelope))),
        new("signed-batch", "the COSE_Sign1 inside an envelope, as a device (or one that stole its key) signs it", SignedBatch,
            () => Seeds.FromVectors("signed_batch").Concat(Seeds.FromSimulator(s => s.Signed))),
        new("payload", "the CBOR batch payload a device signs", Payload,
            () => Seeds.FromVectors("payload").Concat(Seeds.FromSimulator(s => s.Payload))),
        new("mqtt-header", "the byte stream of an MQTT connection, before the broker parses it", MqttHeader, MqttSeeds),
        new("receipt", "a platform receipt as a device or relay receives it", ReceiptBytes, ReceiptSeeds),
        new("checkpoint", "a signed checkpoint note with cosignatures, as audit check, the monitor and a witness read it", CheckpointNote, CheckpointSeeds),
        new("proof", "an inclusion proof file given to vigil audit check", Proof, ProofSeeds),
        new("witness-request", "an add-checkpoint request body a witness receives, and a vkey", WitnessRequest, WitnessSeeds),
        new("device-certificate", "a device certificate file (PEM or DER) given to vigil device enroll, and its Vigil extensions", DeviceCertificate, CertificateSeeds),
    ];

    private static readonly MakerAuthority Maker = MakerAuthority.Create("Fuzz Maker", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(3650));
    private static readonly MakerTrust Trust = new([Maker.Certificate]);

    private static void Envelope(byte[] input)
    {
        if (CborGuard.Check(input, Limits) is null)
        {
            _ = EnvelopeCodec.TryDecode(input, Limits);
        }
    }

    private static void SignedBatch(byte[] input)
    {
        if (CborGuard.Check(input, Limits) is not null)
        {
            return;
        }

        var parsed = SignedBatchHeaders.TryRead(input);
        if (parsed.IsSuccess && parsed.Value.Message.Content is { } content)
        {
            _ = BatchDecoder.TryDecode(content, Limits);
            _ = BatchSignature.ContentDigestOf(input);
        }
    }

    private static void Payload(byte[] input) => _ = BatchDecoder.TryDecode(input, Limits);

    // The guard in front of the broker sees a connection's bytes in whatever reads they arrive.
    private static void MqttHeader(byte[] input)
    {
        var whole = new MqttFixedHeaderScanner(64 * 1024);
        _ = whole.Scan(input);
        var split = new MqttFixedHeaderScanner(64 * 1024);
        for (var at = 0; at < input.Length; at += 3)
        {
            if (split.Scan(input.AsSpan(at, Math.Min(3, input.Length - at))) is not null)
            {
                break;
            }
        }
    }

    private static void ReceiptBytes(byte[] input) => _ = ReceiptCodec.Verify(input, LogKey);

    private static void CheckpointNote(byte[] input)
    {
        var note = Encoding.UTF8.GetString(input);
        _ = Checkpoint.Parse(note);
        if (SignedNote.Open(note, Origin, LogKey) is { } text)
        {
            _ = Checkpoint.Parse(text);
        }

        if (Cosignature.BodyOf(note) is { } body && CosignerKey.Parse(Witness.Vkey, out _) is { } key)
        {
            _ = Cosignature.Verify(key, body, note);
        }
    }

    private static void Proof(byte[] input)
    {
        InclusionProofDocument? proof;
        try
        {
            proof = JsonSerializer.Deserialize<InclusionProofDocument>(input, Web);
        }
        catch (JsonException)
        {
            return;
        }

        if (proof is { InclusionPath: not null, Leaf: not null, Checkpoint: not null })
        {
            _ = proof.Reading is null ? LedgerProofs.Check(proof, LogKey, Origin) : LedgerProofs.CheckReading(proof, LogKey, Origin).Verified;
        }
    }

    private static void WitnessRequest(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        _ = AddCheckpointRequest.Parse(text, out _);
        _ = CosignerKey.Parse(text, out _);
    }

    // What enrollment reads from a maker's certificate file: the certificate, the device id, the
    // device attributes extension, the key id, and the chain to the maker CA.
    private static void DeviceCertificate(byte[] input)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(input);
        }
        catch (CryptographicException)
        {
            return;
        }

        using (certificate)
        {
            _ = DeviceCredentials.DeviceIdOf(certificate);
            _ = DeviceAttributes.FromCertificate(certificate);
            _ = CertificateKeyId.HexOf(certificate);
            _ = Trust.Check(certificate, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        }
    }

    private static IEnumerable<byte[]> CertificateSeeds()
    {
        using var device = Maker.IssueDevice(
            DeviceId.Parse("fuzz-cert-1"), new DeviceAttributes("CGM-7", "LOT-1", "SN-1", "1.2.3"),
            new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero));
        yield return device.RawData;
        yield return Encoding.ASCII.GetBytes(device.ExportCertificatePem());
    }

    private static IEnumerable<byte[]> MqttSeeds()
    {
        // CONNECT (MQTT 5, clean start, keep-alive 60, client id "d1"), PUBLISH at QoS 1 with a 4-byte body, PINGREQ, DISCONNECT.
        yield return Convert.FromHexString("101100044D5154540502003C0000026431");
        yield return Convert.FromHexString("3214000D7669672F64312F6261746368657300010001020304");
        yield return Convert.FromHexString("C000E000");
        yield return Convert.FromHexString("30FFFFFF7F");
    }

    private static IEnumerable<byte[]> ReceiptSeeds()
    {
        var receipt = new Receipt(DeviceId.Parse("fuzz-1"), 7, new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), SHA256.HashData("envelope"u8), "stored");
        yield return ReceiptCodec.Sign(receipt, LogKey, RandomNumberGenerator.GetBytes(16));
    }

    private static IEnumerable<byte[]> CheckpointSeeds()
    {
        var body = new Checkpoint(Origin, 738, SHA256.HashData("root"u8), 1_796_547_600).Body;
        var note = SignedNote.Sign(body, Origin, LogKey);
        yield return Encoding.UTF8.GetBytes(note);
        yield return Encoding.UTF8.GetBytes(Cosignature.AddTo(note, Cosignature.Sign(Witness.Key, Witness.Public, body, 1_796_547_601)));
    }

    private static IEnumerable<byte[]> ProofSeeds()
    {
        var leaf = Encoding.UTF8.GetBytes("vigil-ledger/3 batch\nfuzz-1\n7\n");
        var note = SignedNote.Sign(new Checkpoint(Origin, 1, MerkleHash.Leaf(leaf), 1_796_547_600).Body, Origin, LogKey);
        var proof = new InclusionProofDocument("fuzz-1#7", 0, 1, Convert.ToBase64String(leaf), [], note);
        yield return JsonSerializer.SerializeToUtf8Bytes(proof, Web);
    }

    private static IEnumerable<byte[]> WitnessSeeds()
    {
        var note = SignedNote.Sign(new Checkpoint(Origin, 3, SHA256.HashData("root"u8), 1_796_547_600).Body, Origin, LogKey);
        yield return Encoding.UTF8.GetBytes(new AddCheckpointRequest(2, [SHA256.HashData("a"u8), SHA256.HashData("b"u8)], note).Format());
        yield return Encoding.UTF8.GetBytes(Witness.Vkey);
    }

    private static class Witness
    {
        public static readonly NSec.Cryptography.Key Key = NSec.Cryptography.Key.Create(NSec.Cryptography.SignatureAlgorithm.Ed25519);

        public static readonly CosignerKey Public = new("fuzz.witness/w1", Key.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey));

        public static string Vkey => Public.Vkey;
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Protocol.Opening;
using Vigil.Protocol.Sealing;
using Vigil.Protocol.Sessions;

namespace Vigil.Protocol.Tests.Vectors;

public sealed class ProtocolVectorTests
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static TheoryData<string> Names => [.. Load().Vectors.Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Vector_OpenedByVigil_GivesTheExpectedResult(string name) => CheckWithVigil(Find(name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Vector_CheckedWithoutVigilCode_GivesTheExpectedResult(string name) => IndependentVectorCheck.Check(Find(name));

    [Fact]
    public void Generator_FreshVectors_PassBothChecks()
    {
        var generated = VectorGenerator.Generate();
        foreach (var vector in generated.Vectors)
        {
            CheckWithVigil(vector);
            IndependentVectorCheck.Check(vector);
        }

        if (Environment.GetEnvironmentVariable("VIGIL_WRITE_VECTORS") is { Length: > 0 } path)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(generated, Json) + "\n");
        }
    }

    private static void CheckWithVigil(ProtocolVector v)
    {
        var platformCert = X509CertificateLoader.LoadCertificate(Convert.FromHexString(v.PlatformCertificateDer));
        var deviceCert = X509CertificateLoader.LoadCertificate(Convert.FromHexString(v.DeviceCertificateDer));
        var makerCa = X509CertificateLoader.LoadCertificate(Convert.FromHexString(v.MakerCaDer));
        var device = DeviceId.Parse(v.DeviceId);
        var platformD = new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = Convert.FromHexString(v.PlatformPrivateD) };
        Assert.Equal(v.DeviceKid, CertificateKeyId.HexOf(deviceCert));
        Assert.Equal(v.RecipientKid, CertificateKeyId.HexOf(platformCert));

        using var ephemeral = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = Convert.FromHexString(v.EphemeralPrivateD) });
        var secrets = SessionKeyDerivation.Derive(
            Convert.FromHexString(v.SharedSecret), device, Convert.FromHexString(v.SessionId), v.SessionStart,
            Convert.FromHexString(v.EphemeralPoint), Convert.FromHexString(v.RecipientKid));
        var nonce = new byte[12];
        secrets.Nonce(v.Sequence, nonce);
        Assert.Equal(v.ContentKey, Convert.ToHexStringLower(secrets.Key));
        Assert.Equal(v.BaseIv, Convert.ToHexStringLower(secrets.BaseIv));
        Assert.Equal(v.Nonce, Convert.ToHexStringLower(nonce));

        if (v.ExpectedResult == "ok")
        {
            var session = SealingSession.Create(
                device, RecipientKey.FromCertificate(platformCert), Convert.FromHexString(v.SessionId),
                DateTimeOffset.FromUnixTimeSeconds(v.SessionStart), ephemeral);
            Assert.Equal(v.Envelope, Convert.ToHexStringLower(session.Encrypt(Convert.FromHexString(v.SignedBatch), v.Sequence)));
        }

        var directory = new InMemoryDeviceDirectory();
        directory.Add(device, deviceCert);
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(v.SessionStart).AddMinutes(10));
        var opener = new BatchOpener(
            [new PlatformRecipient(new MemoryKeyStore("ingest", platformD), "ingest", platformCert)], directory, new MakerTrust([makerCa]), time);
        var result = opener.Open(Convert.FromHexString(v.Envelope));

        Assert.Equal(v.ExpectedResult, result.Code);
        if (v.Batch is { } expected)
        {
            var batch = result.Batch!.Content;
            Assert.Equal(v.Payload, Convert.ToHexStringLower(Batches.BatchEncoder.Encode(batch)));
            Assert.Equal(expected.CreatedMs, batch.Created.ToUnixTimeMilliseconds());
            Assert.Equal(expected.Readings.Count, batch.Readings.Count);
            Assert.Equal(v.SignedBatch, Convert.ToHexStringLower(result.Batch.SignedBatch));
        }
    }

    private static ProtocolVector Find(string name) => Load().Vectors.Single(v => v.Name == name);

    private static ProtocolVectorFile Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "protocol-vectors.json");
        return JsonSerializer.Deserialize<ProtocolVectorFile>(File.ReadAllText(path))
            ?? throw new InvalidDataException("empty vector file");
    }
}

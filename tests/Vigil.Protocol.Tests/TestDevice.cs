using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Identity.Certificates;
using Vigil.Protocol.Sealing;

namespace Vigil.Protocol.Tests;

/// <summary>A device of a <see cref="TestPlatform"/> that seals batches with explicit sequence numbers.</summary>
public sealed class TestDevice(TestPlatform platform, DeviceId id, X509Certificate2 certificate)
{
    public static readonly byte[] Firmware = SHA256.HashData("firmware 1.0.0"u8);

    public DeviceId Id { get; } = id;

    public X509Certificate2 Certificate { get; } = certificate;

    public byte[] KeyId { get; } = CertificateKeyId.Of(certificate);

    public ECDsa Key { get; } = certificate.GetECDsaPrivateKey()!;

    public SealingSession Session { get; set; } = SealingSession.Begin(id, platform.Recipient, platform.Time.GetUtcNow());

    public BatchContent Batch(ulong sequence, params Reading[] readings)
    {
        var created = DateTimeOffset.FromUnixTimeMilliseconds(platform.Time.GetUtcNow().ToUnixTimeMilliseconds());
        return new BatchContent(Id, sequence, created, Firmware, readings.Length > 0 ? readings : [Glucose(created, 104)]);
    }

    public byte[] Seal(ulong sequence, params Reading[] readings) => BatchSealer.Seal(Batch(sequence, readings), Key, KeyId, Session);

    public static Reading Glucose(DateTimeOffset time, double mgdl) =>
        Reading.Single(MeasurementKind.Glucose, time, mgdl, "mg/dL");
}

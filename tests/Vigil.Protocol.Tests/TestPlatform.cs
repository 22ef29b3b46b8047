using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Keys;
using Vigil.Protocol.Opening;
using Vigil.Protocol.Sealing;

namespace Vigil.Protocol.Tests;

/// <summary>A platform with a maker CA, an ingest key and an enrolled fleet, all in a temporary folder.</summary>
public sealed class TestPlatform : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("vigil-protocol-").FullName;

    public TestPlatform(ProtocolLimits? limits = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        Maker = MakerAuthority.Create("Test Maker", Time.GetUtcNow().AddDays(-1000), TimeSpan.FromDays(3650));
        Keys = new FileKeyStore(Path.Combine(_folder, "keys"));
        Keys.CreateKey(PlatformKeyNames.PlatformCa);
        Keys.CreateKey(PlatformKeyNames.Ingest);
        PlatformCa = PlatformPki.CreateCa(Keys, "Test", Time.GetUtcNow().AddDays(-1), TimeSpan.FromDays(3650));
        IngestCertificate = PlatformPki.CreateKeyCertificate(Keys, PlatformCa, PlatformKeyNames.Ingest, "Test", Time.GetUtcNow().AddDays(-1), TimeSpan.FromDays(800));
        Recipient = RecipientKey.FromCertificate(IngestCertificate);
        Directory = new InMemoryDeviceDirectory();
        Trust = new MakerTrust([Maker.Certificate]);
        Opener = new BatchOpener(
            [new PlatformRecipient(Keys, PlatformKeyNames.Ingest, IngestCertificate)], Directory, Trust, Time, limits);
    }

    public FakeTimeProvider Time { get; }

    public MakerAuthority Maker { get; }

    public FileKeyStore Keys { get; }

    public X509Certificate2 PlatformCa { get; }

    public X509Certificate2 IngestCertificate { get; }

    public RecipientKey Recipient { get; }

    internal InMemoryDeviceDirectory Directory { get; }

    public MakerTrust Trust { get; }

    public BatchOpener Opener { get; }

    /// <summary>Mints a device from <paramref name="maker"/> (the trusted maker by default) and enrolls it.</summary>
    public TestDevice Enroll(string serial, MakerAuthority? maker = null, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var id = DeviceId.FromModelAndSerial("tm1", serial);
        var now = Time.GetUtcNow();
        var certificate = (maker ?? Maker).IssueDevice(
            id, new DeviceAttributes("TM1", "L1", serial, "1.0.0"), notBefore ?? now.AddDays(-1), notAfter ?? now.AddDays(365));
        Directory.Add(id, certificate);
        return new TestDevice(this, id, certificate);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

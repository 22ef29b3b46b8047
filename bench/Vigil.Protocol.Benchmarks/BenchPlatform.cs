using System.Security.Cryptography;
using Vigil.Device.Sealing;
using Vigil.Device.SecureElements;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Keys;
using Vigil.Protocol.Opening;
using Vigil.Protocol.Sealing;
using Vigil.Simulator.Sensors;

namespace Vigil.Protocol.Benchmarks;

/// <summary>A platform and one device of a given kind, with a sealed batch ready to open.</summary>
internal sealed class BenchPlatform : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-bench-").FullName;

    public BenchPlatform(SensorKind kind)
    {
        var now = DateTimeOffset.UtcNow;
        var maker = MakerAuthority.Create("Bench", now.AddDays(-1), TimeSpan.FromDays(365));
        var keys = new FileKeyStore(Path.Combine(_folder, "keys"));
        keys.CreateKey(PlatformKeyNames.PlatformCa);
        keys.CreateKey(PlatformKeyNames.Ingest);
        using var ca = PlatformPki.CreateCa(keys, "Bench", now.AddDays(-1), TimeSpan.FromDays(365));
        var ingest = PlatformPki.CreateKeyCertificate(keys, ca, PlatformKeyNames.Ingest, "Bench", now.AddDays(-1), TimeSpan.FromDays(300));
        var id = DeviceId.Parse("bench-" + (int)kind);
        var certificate = maker.IssueDevice(id, new DeviceAttributes("B", "L", "1", "1"), now.AddDays(-1), now.AddDays(100));
        var directory = new InMemoryDeviceDirectory();
        Credential = directory.Add(id, certificate);
        Opener = new BatchOpener([new PlatformRecipient(keys, PlatformKeyNames.Ingest, ingest)], directory, new MakerTrust([maker.Certificate]), TimeProvider.System);
        Element = new SoftwareSecureElement(certificate, new MemorySequenceCounter());
        Sealer = new DeviceSealer(Element, RecipientKey.FromCertificate(ingest), SHA256.HashData("fw"u8), TimeProvider.System);
        Readings = SensorReadings.Batch(kind, now, new Random(1));
        Envelope = Sealer.Seal(Readings).Envelope;
        var opened = Opener.Open(Envelope);
        if (!opened.IsSuccess)
        {
            throw new InvalidOperationException(opened.ToString());
        }

        SignedBatch = opened.Batch.SignedBatch;
    }

    public DeviceCredential Credential { get; }

    public BatchOpener Opener { get; }

    public SoftwareSecureElement Element { get; }

    public DeviceSealer Sealer { get; }

    public IReadOnlyList<Domain.Readings.Reading> Readings { get; }

    public byte[] Envelope { get; }

    public byte[] SignedBatch { get; }

    public void Dispose()
    {
        Element.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Device.Sealing;
using Vigil.Device.SecureElements;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Identity.Certificates;
using Vigil.Identity.Keys;
using Vigil.Identity.Provisioning;
using Vigil.Platform.Devices;
using Vigil.Platform.Ingest;
using Vigil.Platform.Patients;
using Vigil.Platform.Security;
using Vigil.Platform.Verification;
using Vigil.Protocol.Opening;
using Vigil.Protocol.Sealing;
using Vigil.Record;
using Vigil.Record.Batches;
using Vigil.Record.Registry;
using Vigil.Record.Trust;

namespace Vigil.Platform.Tests;

/// <summary>
/// The platform's composition (<see cref="VigilPlatform.AddVigilPlatform(IServiceCollection, DataFolder, Func{IServiceProvider, RecordStore}, Platform.Access.IStaffPasswords)"/>) and the ingest services over a real SQLite record in a
/// temporary data folder, with a switch that makes commits fail.
/// </summary>
public sealed class IngestHarness : IAsyncDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-platform-").FullName;
    private readonly Dictionary<DeviceId, System.Security.Cryptography.X509Certificates.X509Certificate2> _certificates = [];
    private readonly ServiceProvider _platform;

    public IngestHarness()
    {
        var folder = new DataFolder(_root);
        folder.Initialize(TimeProvider.System, null);
        Folder = folder;
        var meters = new TestMeterFactory();
        _platform = new ServiceCollection()
            .AddSingleton<IMeterFactory>(meters)
            .AddSingleton<ILogger<SecurityEventSink>>(NullLogger<SecurityEventSink>.Instance)
            .AddVigilPlatform(folder, _ => RecordStore.Open(folder, null, TimeProvider.System), new PlainStaffPasswords())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Record = Get<RecordStore>();
        Batches = new SwitchableBatchStore(Record.Batches);
        var keys = folder.OpenKeyStore(null);
        Registry = Get<RegistryCache>();
        var opener = new BatchOpener([new PlatformRecipient(keys, PlatformKeyNames.Ingest, folder.IngestCertificate)], Registry, folder.LoadMakerTrust(), TimeProvider.System);
        Events = Get<SecurityEventSink>();
        Trust = Get<TrustResponse>();
        Patients = new DirectPatientChannel(new PatientServices(Record.Readings, Record.Clinical, Get<CalibrationService>(), TimeProvider.System, meters));
        Services = new IngestServices(
            opener, Batches, Registry, Events,
            new ReceiptSigner(keys, folder.SigningCertificate), TimeProvider.System, meters, Record.Readings, Trust, Patients);
    }

    public DataFolder Folder { get; }

    /// <summary>The platform's ingest key as devices (and anyone else) see it.</summary>
    public RecipientKey Recipient => RecipientKey.FromCertificate(Folder.IngestCertificate);

    public RecordStore Record { get; }

    public SwitchableBatchStore Batches { get; }

    public RegistryCache Registry { get; }

    internal IngestServices Services { get; }

    public TrustResponse Trust { get; }

    public SecurityEventSink Events { get; }

    internal DirectPatientChannel Patients { get; }

    public async Task<(DeviceId Id, DeviceSealer Sealer)> EnrollAsync(string id, string? patient = null, TimeProvider? clock = null, string lot = "L", string firmware = "fw")
    {
        var deviceId = DeviceId.Parse(id);
        var certificate = Folder.LoadDevelopmentMaker(null).IssueDevice(deviceId, new DeviceAttributes("M", lot, id, "1"), DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(30));
        await Record.Registry.EnrollDeviceAsync(new DeviceRecord(deviceId, CertificateKeyId.HexOf(certificate), certificate.RawData, "M", lot, id, "1", DeviceStatus.Active, null, DateTimeOffset.UtcNow, null));
        await Record.Trust.AllowFirmwareAsync(new FirmwareEntry("M", SHA256.HashData("fw"u8), "1", DateTimeOffset.UtcNow));
        if (patient is not null)
        {
            await Record.Registry.AddPatientAsync(PatientId.Parse(patient), patient, DateTimeOffset.UtcNow);
            await Record.Registry.BindDeviceToPatientAsync(deviceId, PatientId.Parse(patient));
        }

        await Registry.InvalidateAsync();
        _certificates[deviceId] = certificate;
        var sealer = new DeviceSealer(
            new SoftwareSecureElement(certificate, new MemorySequenceCounter()), RecipientKey.FromCertificate(Folder.IngestCertificate),
            SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(firmware)), clock ?? TimeProvider.System);
        return (deviceId, sealer);
    }

    /// <summary>A second sealer for an enrolled device's certificate, with its own counter (from 1 unless given): what a cloner holds.</summary>
    internal DeviceSealer Clone(DeviceId id, TimeProvider? clock = null, ISequenceCounter? counter = null) =>
        Sealer(id, counter ?? new MemorySequenceCounter(), clock);

    /// <summary>A sealer for an enrolled device's certificate with a given counter and clock, and the time floor it kept from its last run.</summary>
    internal DeviceSealer Sealer(DeviceId id, ISequenceCounter counter, TimeProvider? clock = null, DateTimeOffset? notBefore = null) =>
        new(new SoftwareSecureElement(_certificates[id], counter), RecipientKey.FromCertificate(Folder.IngestCertificate), SHA256.HashData("fw"u8), clock ?? TimeProvider.System, notBefore: notBefore);

    internal static IngestRequest Request(SealedBatch batch) => new(batch.Envelope, "device:test", "test");

    public static SealedBatch Seal(DeviceSealer sealer) => sealer.Seal([Reading.Single(MeasurementKind.Glucose, DateTimeOffset.UtcNow, 99, "mg/dL")]);

    /// <summary>A service of the platform's composition.</summary>
    public T Get<T>()
        where T : notnull => _platform.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        // The event sink, then the record it writes to.
        await _platform.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>A batch store whose commits can be made to fail, as a full disk would.</summary>
    public sealed class SwitchableBatchStore(IBatchStore inner) : IBatchStore
    {
        public bool Failing { get; set; }

        public Task<CommitOutcome> CommitAsync(AcceptedBatch batch, CancellationToken cancellationToken = default) =>
            Failing ? throw new IOException("disk full") : inner.CommitAsync(batch, cancellationToken);

        public Task<IReadOnlyList<ulong>> RecentSequencesAsync(DeviceId device, int count, CancellationToken cancellationToken = default) =>
            inner.RecentSequencesAsync(device, count, cancellationToken);

        public Task<IReadOnlyList<SessionSpan>> SessionsAsync(DeviceId device, CancellationToken cancellationToken = default) => inner.SessionsAsync(device, cancellationToken);

        public Task<(ulong Sequence, DateTimeOffset Created)?> LatestAsync(DeviceId device, CancellationToken cancellationToken = default) => inner.LatestAsync(device, cancellationToken);

        public Task<StoredBatch?> FindBatchAsync(DeviceId device, ulong sequence, CancellationToken cancellationToken = default) =>
            inner.FindBatchAsync(device, sequence, cancellationToken);

        public Task<long> CountBatchesAsync(DeviceId? device = null, CancellationToken cancellationToken = default) => inner.CountBatchesAsync(device, cancellationToken);

        public Task<IReadOnlyList<ulong>> ListSequencesAsync(DeviceId device, CancellationToken cancellationToken = default) => inner.ListSequencesAsync(device, cancellationToken);

        public Task<IReadOnlyList<DeviceActivity>> ActivityAsync(CancellationToken cancellationToken = default) => inner.ActivityAsync(cancellationToken);
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}

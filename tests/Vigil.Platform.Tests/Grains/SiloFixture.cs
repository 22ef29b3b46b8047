using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Vigil.Device.Sealing;
using Vigil.Domain.Devices;
using Vigil.Identity.Keys;
using Vigil.Platform.Devices;
using Vigil.Platform.Ingest;
using Vigil.Platform.Live;
using Vigil.Platform.Patients;
using Vigil.Platform.Verification;
using Vigil.Protocol.Opening;
using Vigil.Record.Readings;

namespace Vigil.Platform.Tests.Grains;

/// <summary>
/// One in-process Orleans silo hosting the device and patient grains, started once for the tests
/// that share it. The record (real SQLite in a temporary data folder), enrollment and the devices'
/// sealers are those of <see cref="IngestHarness"/>; the silo composes its own services over that
/// record as <c>vigil serve</c> does, and the device grains reach the patient grains through
/// Orleans (<see cref="GrainPatientChannel"/>). The in-process cluster connects its silo and client
/// by Orleans' in-memory transport: it binds no socket, so it needs no free ports.
/// </summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(30);
    private InProcessTestCluster? _cluster;

    /// <summary>The record, its data folder, enrollment and sealers.</summary>
    public IngestHarness Harness { get; } = new();

    /// <summary>The cluster's client, as the gateway calls the grains.</summary>
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The silo's own registry cache, the one its device grains read.</summary>
    public RegistryCache Registry => Silo.GetRequiredService<RegistryCache>();

    /// <summary>The silo's recall service, as the API's recall endpoint uses it.</summary>
    public RecallService Recalls => Silo.GetRequiredService<RecallService>();

    /// <summary>The silo's receipt signer.</summary>
    internal ReceiptSigner Receipts => Silo.GetRequiredService<ReceiptSigner>();

    /// <summary>How long a grain call may take before Orleans answers it with a timeout.</summary>
    public TimeSpan IngestTimeout => Cluster.Client.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Orleans.Configuration.ClientMessagingOptions>>().Value.ResponseTimeout;

    private InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("the silo is not started");

    private IServiceProvider Silo => Cluster.Silos[0].SiloHost.Services;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => Compose(silo.Services));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>
    /// Stops the silo within <see cref="StopBound"/>, or fails. A grain that blocks its turn holds
    /// its activation's lock, and the silo's shutdown waits for that lock without end: the run must
    /// then fail, not hang. The record stays open in that case, since the blocked grain may still use it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            try
            {
                await _cluster.StopAllSilosAsync().WaitAsync(StopBound);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"the silo did not stop within {StopBound.TotalSeconds:0} s: a grain is blocked in its turn", e);
            }

            await _cluster.DisposeAsync();
        }

        await Harness.DisposeAsync();
    }

    /// <summary>Enrolls a device (and binds it to a patient) and makes the silo's registry cache read it at once.</summary>
    public async Task<(DeviceId Id, DeviceSealer Sealer)> EnrollAsync(string id, string? patient = null, TimeProvider? clock = null, string lot = "L")
    {
        var enrolled = await Harness.EnrollAsync(id, patient, clock, lot);
        await Registry.InvalidateAsync();
        return enrolled;
    }

    /// <summary>Sends a batch to its device's grain, as the gateway does for the device itself.</summary>
    public Task<IngestResult> IngestAsync(DeviceId id, SealedBatch batch) =>
        Grains.GetGrain<IDeviceGrain>(id.Value).IngestAsync(new IngestRequest(batch.Envelope, $"device:{id}", "grain test"));

    /// <summary>A device's stored readings, oldest first.</summary>
    public async Task<List<StoredReading>> ReadingsAsync(DeviceId id) =>
        [.. (await Harness.Record.Readings.QueryAsync(new ReadingQuery { DeviceId = id }, cancellationToken: TestContext.Current.CancellationToken)).OrderBy(r => r.At)];

    // The platform (AddVigilPlatform, as vigil serve composes it) over the harness's record, then the
    // ingest registrations of the server (VigilServerBuilder.AddVigilIngest) over the harness's keys.
    private void Compose(IServiceCollection services)
    {
        var folder = Harness.Folder;
        var record = Harness.Record;
        IKeyStore keys = folder.OpenKeyStore(null);
        services.AddLogging();
        services.AddMetrics();
        services.AddVigilPlatform(folder, _ => record, new PlainStaffPasswords());
        services.AddSingleton(sp => new BatchOpener(
            [new PlatformRecipient(keys, PlatformKeyNames.Ingest, folder.IngestCertificate)],
            sp.GetRequiredService<RegistryCache>(), folder.LoadMakerTrust(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => new ReceiptSigner(keys, folder.SigningCertificate));
        services.AddSingleton(new IngestOptions());
        services.AddSingleton<IngestServices>();
        services.AddSingleton<PatientServices>();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<GrainPatientChannel>();
        services.AddSingleton<IPatientChannel>(sp => new LivePatientChannel(sp.GetRequiredService<GrainPatientChannel>(), sp.GetRequiredService<LiveFeed>()));
    }
}

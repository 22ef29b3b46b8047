using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Domain.Devices;
using Vigil.Protocol.Opening;
using Vigil.Record.Changes;
using Vigil.Record.Registry;
using Vigil.Record.Trust;

namespace Vigil.Platform.Devices;

/// <summary>
/// The registry as the hot path sees it: a snapshot held in memory, read without waiting, and read
/// again when the record announces a change (<see cref="IRecordChanges"/>), whoever made it: this
/// process, the CLI beside it, another node. The read runs in the background, one at a time; the
/// notifications that arrive during a read make one more read after it, so a burst of changes
/// costs two reads, and no ingest, connect or grain call waits for them. A read that fails is
/// tried again, after <see cref="FirstRetry"/> doubling up to <see cref="LongestRetry"/>, until one
/// succeeds. Nothing is read on a timer: with the listener connected, a change is in the snapshot
/// within <see cref="ChangeBound"/> of its commit (docs/gateway.md). A change made in this process
/// is read back at once by awaiting <see cref="InvalidateAsync"/>; a certificate the snapshot does
/// not know is looked for again in a fresh one by <see cref="FindByKeyIdAsync"/>.
/// </summary>
public sealed class RegistryCache : IDeviceDirectory, IRecordChangeObserver, IDisposable, IAsyncDisposable
{
    /// <summary>
    /// Within how long of its commit a change (a revocation, a quarantine, an enrolment) is in the
    /// snapshot of every node whose change listener is connected.
    /// </summary>
    public static readonly TimeSpan ChangeBound = TimeSpan.FromSeconds(1);

    /// <summary>How old the snapshot must be before a certificate it does not know makes it be read again.</summary>
    public static readonly TimeSpan MissRecheckInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The wait before a failed read of the registry is tried again.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two attempts to read the registry.</summary>
    public static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    private readonly IRegistry _registry;
    private readonly ITrustStore _trust;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reload = new(1, 1);
    private readonly IDisposable _subscription;
    private volatile Snapshot _snapshot = Snapshot.Empty;
    private volatile bool _disposed;

    // UtcTicks of the start of the last completed read, 0 for none.
    private long _checkedAt;

    // 1 when a notification came that no read has started to serve yet; 1 while a background read runs.
    private int _pending;
    private int _refreshing;
    private Task _reader = Task.CompletedTask;

    /// <summary>Caches a registry, and the device flags and known-good firmware of the trust store, read again on every change that <paramref name="changes"/> announces.</summary>
    public RegistryCache(IRegistry registry, TimeProvider time, ITrustStore trust, IRecordChanges changes, ILogger<RegistryCache>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(changes);
        _registry = registry;
        _time = time;
        _trust = trust;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _subscription = changes.Subscribe(this);
        _logger.LogDebug("Registry changes are heard through {Source}", changes.Description);
    }

    /// <summary>The standing flags of a device.</summary>
    public IReadOnlyList<DeviceFlag> Flags(DeviceId id) => _snapshot.Flags.GetValueOrDefault(id) ?? [];

    /// <summary>Whether a firmware digest is known good for a model; nothing is known good that the trust store does not list.</summary>
    public bool IsKnownFirmware(string model, ReadOnlySpan<byte> digest) =>
        _snapshot.Firmware.TryGetValue(model, out var digests) && digests.Contains(Convert.ToHexStringLower(digest));

    /// <summary>A device's record, or null.</summary>
    public DeviceRecord? Device(DeviceId id) => _snapshot.Devices.GetValueOrDefault(id);

    /// <summary>The device or relay whose certificate has this kid, in the snapshot as it is.</summary>
    public (DeviceRecord? Device, RelayRecord? Relay) FindByKeyId(string keyIdHex) => Find(_snapshot, keyIdHex);

    /// <summary>
    /// The device or relay whose certificate has this kid. A certificate the snapshot does not know
    /// may have been enrolled a moment ago, its notification still on the way (a device or hub
    /// connects right after enrollment): it is looked for again in a fresh snapshot, read at most
    /// once per <see cref="MissRecheckInterval"/> however many unknown certificates arrive.
    /// </summary>
    public async ValueTask<(DeviceRecord? Device, RelayRecord? Relay)> FindByKeyIdAsync(string keyIdHex, CancellationToken cancellationToken = default)
    {
        var found = Find(_snapshot, keyIdHex);
        if (found is (null, null) && _time.GetUtcNow().UtcTicks - Volatile.Read(ref _checkedAt) >= MissRecheckInterval.Ticks)
        {
            await ReloadAsync(MissRecheckInterval, cancellationToken);
            found = Find(_snapshot, keyIdHex);
        }

        return found;
    }

    /// <summary>Whether a relay may carry a device's batches.</summary>
    public bool RelayCarries(string relayId, DeviceId device) =>
        _snapshot.Relays.TryGetValue(relayId, out var relay) && relay.Devices.Contains(device.Value);

    /// <summary>Reads the registry now, so that what this process just changed is seen by every lookup that follows.</summary>
    public Task InvalidateAsync(CancellationToken cancellationToken = default) => ReloadAsync(TimeSpan.Zero, cancellationToken);

    /// <summary>Loads the first snapshot (a server does before it serves), or a fresh one.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default) => ReloadAsync(TimeSpan.Zero, cancellationToken);

    /// <inheritdoc />
    public bool IsKnown(DeviceId id) => _snapshot.Devices.ContainsKey(id);

    /// <inheritdoc />
    DeviceCredential? IDeviceDirectory.FindByKeyId(string keyIdHex) => _snapshot.DevicesByKid.GetValueOrDefault(keyIdHex)?.Credential;

    /// <inheritdoc />
    void IRecordChangeObserver.Changed(RecordChange change)
    {
        Volatile.Write(ref _pending, 1);
        if (Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
        {
            _reader = Task.Run(ReadWhilePendingAsync);
        }
    }

    /// <inheritdoc />
    void IRecordChangeObserver.Refused(RecordChangeParse refusal) =>
        _logger.LogWarning("Ignored a record change notification ({Code}): {Detail}", refusal.Code, refusal.Detail);

    /// <inheritdoc />
    void IRecordChangeObserver.Interrupted(string detail) =>
        _logger.LogWarning("Record change notifications are interrupted: {Detail}", detail);

    /// <summary>Stops hearing changes; a read already under way may still finish (<see cref="DisposeAsync"/> waits for it).</summary>
    public void Dispose()
    {
        _disposed = true;
        _subscription.Dispose();
    }

    /// <summary>Stops hearing changes and waits for a read under way, so that nothing reads the record after its owner closes it.</summary>
    public async ValueTask DisposeAsync()
    {
        Dispose();
        await _reader;
    }

    private static (DeviceRecord?, RelayRecord?) Find(Snapshot snapshot, string keyIdHex) =>
        (snapshot.DevicesByKid.GetValueOrDefault(keyIdHex)?.Record, snapshot.RelaysByKid.GetValueOrDefault(keyIdHex));

    // Reads the registry until no notification is left unserved; the one background reader.
    private async Task ReadWhilePendingAsync()
    {
        var retry = FirstRetry;
        while (true)
        {
            while (!_disposed && Interlocked.Exchange(ref _pending, 0) == 1)
            {
                try
                {
                    await ReloadAsync(TimeSpan.Zero, CancellationToken.None);
                    retry = FirstRetry;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Whatever failed (the record out of reach, a row that does not load), the
                    // change is still to be read: the snapshot stays as it was until a read succeeds.
                    _logger.LogWarning(
                        "The registry could not be read after a change ({Failure}: {Message}); trying again in {Retry} ms", e.GetType().Name, e.Message, retry.TotalMilliseconds);
                    Volatile.Write(ref _pending, 1);
                    await Task.Delay(retry, _time);
                    retry = retry * 2 < LongestRetry ? retry * 2 : LongestRetry;
                }
            }

            Volatile.Write(ref _refreshing, 0);

            // A notification that came after the last read began and before the flag was cleared found
            // this reader running and left its work to it: take it up, unless another reader has.
            if (_disposed || Volatile.Read(ref _pending) == 0 || Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0)
            {
                return;
            }
        }
    }

    // Reads the registry unless a read that began within maxAge made the snapshot (with zero: a
    // read that began after this call); one read at a time, and a caller that waited for another's
    // read uses it if it is recent enough.
    private async Task ReloadAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var asked = _time.GetUtcNow().UtcTicks;
        await _reload.WaitAsync(cancellationToken);
        try
        {
            var checkedAt = Volatile.Read(ref _checkedAt);
            if (checkedAt != 0 && (maxAge == TimeSpan.Zero ? checkedAt > asked : asked - checkedAt < maxAge.Ticks))
            {
                return;
            }

            var now = _time.GetUtcNow().UtcTicks;
            var version = await _registry.VersionAsync(cancellationToken);
            if (version != _snapshot.Version)
            {
                _snapshot = await LoadAsync(version, cancellationToken);
            }

            Volatile.Write(ref _checkedAt, Math.Max(now, 1));
        }
        finally
        {
            _reload.Release();
        }
    }

    private async Task<Snapshot> LoadAsync(long version, CancellationToken cancellationToken)
    {
        var devices = await _registry.ListDevicesAsync(cancellationToken);
        var relays = await _registry.ListRelaysAsync(cancellationToken);
        var previous = _snapshot.DevicesByKid;
        var byKid = devices.ToDictionary(
            d => d.KeyIdHex,
            d => previous.TryGetValue(d.KeyIdHex, out var old)
                ? old with { Record = d }
                : new CachedDevice(d, new DeviceCredential(d.Id, X509CertificateLoader.LoadCertificate(d.Certificate))));
        var flags = (await _trust.FlagsAsync(cancellationToken: cancellationToken)).GroupBy(f => f.DeviceId).ToDictionary(g => g.Key, g => g.ToList());
        var firmware = (await _trust.FirmwareAsync(cancellationToken))
            .GroupBy(f => f.Model, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => Convert.ToHexStringLower(f.Digest)).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        return new Snapshot(
            version,
            devices.ToDictionary(d => d.Id),
            byKid,
            relays.ToDictionary(r => r.Id.Value),
            relays.ToDictionary(r => r.KeyIdHex),
            flags,
            firmware);
    }

    private sealed record CachedDevice(DeviceRecord Record, DeviceCredential Credential);

    private sealed record Snapshot(
        long Version,
        Dictionary<DeviceId, DeviceRecord> Devices,
        Dictionary<string, CachedDevice> DevicesByKid,
        Dictionary<string, RelayRecord> Relays,
        Dictionary<string, RelayRecord> RelaysByKid,
        Dictionary<DeviceId, List<DeviceFlag>> Flags,
        Dictionary<string, HashSet<string>> Firmware)
    {
        public static readonly Snapshot Empty = new(-1, [], [], [], [], [], []);
    }
}

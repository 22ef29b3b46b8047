using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Protocol.Opening;
using Vigil.Record.Registry;
using Vigil.Record.Trust;

namespace Vigil.Platform.Devices;

/// <summary>
/// The registry as the hot path sees it: a snapshot held in memory, read without waiting, and
/// reloaded when the registry's version changes. The version is checked at most every
/// <see cref="RecheckInterval"/>, in the background: a lookup that finds the snapshot older than
/// that starts one reload and goes on with the snapshot it has, so no ingest, connect or grain
/// call waits on the record. A device enrolled, revoked or bound by the CLI in another process
/// takes effect within that interval and one reload. A change made in this process is read back
/// at once by awaiting <see cref="InvalidateAsync"/>; a certificate the snapshot does not know is
/// looked for again in a fresh one by <see cref="FindByKeyIdAsync"/>.
/// </summary>
public sealed class RegistryCache : IDeviceDirectory
{
    /// <summary>How often the registry version is checked.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>How old the snapshot must be before a certificate it does not know makes it be read again.</summary>
    public static readonly TimeSpan MissRecheckInterval = TimeSpan.FromMilliseconds(100);

    private readonly IRegistry _registry;
    private readonly ITrustStore _trust;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Snapshot _snapshot = Snapshot.Empty;

    // UtcTicks of the last completed check, 0 for none.
    private long _checkedAt;

    /// <summary>Caches a registry, and the device flags and known-good firmware of the trust store.</summary>
    public RegistryCache(IRegistry registry, TimeProvider time, ITrustStore trust)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(trust);
        _registry = registry;
        _time = time;
        _trust = trust;
    }

    /// <summary>The standing flags of a device.</summary>
    public IReadOnlyList<DeviceFlag> Flags(DeviceId id) => Current().Flags.GetValueOrDefault(id) ?? [];

    /// <summary>Whether a firmware digest is known good for a model; nothing is known good that the trust store does not list.</summary>
    public bool IsKnownFirmware(string model, ReadOnlySpan<byte> digest) =>
        Current().Firmware.TryGetValue(model, out var digests) && digests.Contains(Convert.ToHexStringLower(digest));

    /// <summary>A device's record, or null.</summary>
    public DeviceRecord? Device(DeviceId id) => Current().Devices.GetValueOrDefault(id);

    /// <summary>The device or relay whose certificate has this kid, in the snapshot as it is.</summary>
    public (DeviceRecord? Device, RelayRecord? Relay) FindByKeyId(string keyIdHex) => Find(Current(), keyIdHex);

    /// <summary>
    /// The device or relay whose certificate has this kid. A certificate the snapshot does not know
    /// may have been enrolled a moment ago (a device or hub connects right after enrollment): it is
    /// looked for again in a fresh snapshot, read at most once per <see cref="MissRecheckInterval"/>
    /// however many unknown certificates arrive.
    /// </summary>
    public async ValueTask<(DeviceRecord? Device, RelayRecord? Relay)> FindByKeyIdAsync(string keyIdHex, CancellationToken cancellationToken = default)
    {
        var found = Find(Current(), keyIdHex);
        if (found is (null, null) && _time.GetUtcNow().UtcTicks - Volatile.Read(ref _checkedAt) >= MissRecheckInterval.Ticks)
        {
            await ReloadAsync(MissRecheckInterval, cancellationToken);
            found = Find(_snapshot, keyIdHex);
        }

        return found;
    }

    /// <summary>Whether a relay may carry a device's batches.</summary>
    public bool RelayCarries(string relayId, DeviceId device) =>
        Current().Relays.TryGetValue(relayId, out var relay) && relay.Devices.Contains(device.Value);

    /// <summary>Reads the registry now, so that what this process just changed is seen by every lookup that follows.</summary>
    public Task InvalidateAsync(CancellationToken cancellationToken = default) => ReloadAsync(TimeSpan.Zero, cancellationToken);

    /// <summary>Loads the first snapshot (a server does before it serves), or a fresh one if it is older than <see cref="RecheckInterval"/>.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default) => ReloadAsync(RecheckInterval, cancellationToken);

    /// <inheritdoc />
    public bool IsKnown(DeviceId id) => Current().Devices.ContainsKey(id);

    /// <inheritdoc />
    DeviceCredential? IDeviceDirectory.FindByKeyId(string keyIdHex) => Current().DevicesByKid.GetValueOrDefault(keyIdHex)?.Credential;

    private static (DeviceRecord?, RelayRecord?) Find(Snapshot snapshot, string keyIdHex) =>
        (snapshot.DevicesByKid.GetValueOrDefault(keyIdHex)?.Record, snapshot.RelaysByKid.GetValueOrDefault(keyIdHex));

    // The snapshot as it is; if it is due for a check, one reload starts in the background.
    private Snapshot Current()
    {
        if (_time.GetUtcNow().UtcTicks - Volatile.Read(ref _checkedAt) >= RecheckInterval.Ticks && _reload.CurrentCount > 0)
        {
            _ = ReloadInBackgroundAsync();
        }

        return _snapshot;
    }

    private async Task ReloadInBackgroundAsync()
    {
        try
        {
            await ReloadAsync(RecheckInterval, CancellationToken.None);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException or TimeoutException)
        {
            // The record is out of reach for a moment: the snapshot stays as it was, and the next
            // lookup past the interval tries again.
        }
    }

    // Reads the registry unless a read that completed within maxAge made the snapshot; one read at
    // a time, and a caller that waited for another's read uses it if it is recent enough.
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
            relays.ToDictionary(r => r.Id),
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

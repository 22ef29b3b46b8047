using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Protocol.Opening;
using Vigil.Record.Registry;
using Vigil.Record.Trust;

namespace Vigil.Platform.Devices;

/// <summary>
/// The registry as the hot path sees it: held in memory and reloaded when the registry's version
/// changes, checked at most every <see cref="RecheckInterval"/>, so a device enrolled, revoked or
/// bound by the CLI in another process takes effect within that interval.
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
    private readonly Lock _gate = new();
    private volatile Snapshot _snapshot = Snapshot.Empty;

    // UtcTicks of the last check, 0 for none or invalidated; read without the lock.
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

    /// <summary>The device or relay whose certificate has this kid.</summary>
    public (DeviceRecord? Device, RelayRecord? Relay) FindByKeyId(string keyIdHex)
    {
        var snapshot = Current();
        var found = (snapshot.DevicesByKid.GetValueOrDefault(keyIdHex)?.Record, snapshot.RelaysByKid.GetValueOrDefault(keyIdHex));
        if (found is (null, null) && _time.GetUtcNow().UtcTicks - Volatile.Read(ref _checkedAt) >= MissRecheckInterval.Ticks)
        {
            // A certificate the snapshot does not know may have been enrolled a moment ago: a device
            // or hub connects right after enrollment. Look again in a fresh snapshot, at most once per
            // MissRecheckInterval however many unknown certificates arrive.
            Invalidate();
            snapshot = Current();
            found = (snapshot.DevicesByKid.GetValueOrDefault(keyIdHex)?.Record, snapshot.RelaysByKid.GetValueOrDefault(keyIdHex));
        }

        return found;
    }

    /// <summary>Whether a relay may carry a device's batches.</summary>
    public bool RelayCarries(string relayId, DeviceId device) =>
        Current().Relays.TryGetValue(relayId, out var relay) && relay.Devices.Contains(device.Value);

    /// <summary>Forces a reload on the next lookup.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            Volatile.Write(ref _checkedAt, 0);
        }
    }

    /// <inheritdoc />
    public bool IsKnown(DeviceId id) => Current().Devices.ContainsKey(id);

    /// <inheritdoc />
    DeviceCredential? IDeviceDirectory.FindByKeyId(string keyIdHex) => Current().DevicesByKid.GetValueOrDefault(keyIdHex)?.Credential;

    private Snapshot Current()
    {
        var now = _time.GetUtcNow().UtcTicks;
        if (now - Volatile.Read(ref _checkedAt) < RecheckInterval.Ticks)
        {
            return _snapshot;
        }

        // A periodic recheck is made by one caller while the others go on with the snapshot they
        // have, which is at most one interval older: no ingest, connect or grain call waits in line
        // behind the registry's query. Only after Invalidate (this process changed the registry and
        // must read its own write) do callers wait for the fresh snapshot.
        var invalidated = Volatile.Read(ref _checkedAt) == 0;
        if (!invalidated)
        {
            if (!_gate.TryEnter())
            {
                return _snapshot;
            }
        }
        else
        {
            _gate.Enter();
        }

        try
        {
            if (now - _checkedAt < RecheckInterval.Ticks)
            {
                return _snapshot;
            }

            var version = _registry.Version();
            if (version != _snapshot.Version)
            {
                _snapshot = Load(version);
            }

            Volatile.Write(ref _checkedAt, now);
            return _snapshot;
        }
        finally
        {
            _gate.Exit();
        }
    }

    private Snapshot Load(long version)
    {
        var devices = _registry.ListDevices();
        var relays = _registry.ListRelays();
        var previous = _snapshot.DevicesByKid;
        var byKid = devices.ToDictionary(
            d => d.KeyIdHex,
            d => previous.TryGetValue(d.KeyIdHex, out var old)
                ? old with { Record = d }
                : new CachedDevice(d, new DeviceCredential(d.Id, X509CertificateLoader.LoadCertificate(d.Certificate))));
        var flags = _trust.Flags().GroupBy(f => f.DeviceId).ToDictionary(g => g.Key, g => g.ToList());
        var firmware = _trust.Firmware()
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

using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Protocol.Opening;
using Vigil.Record.Registry;

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

    private readonly IRegistry _registry;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Snapshot _snapshot = Snapshot.Empty;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    /// <summary>Caches a registry.</summary>
    public RegistryCache(IRegistry registry, TimeProvider time)
    {
        _registry = registry;
        _time = time;
    }

    /// <summary>A device's record, or null.</summary>
    public DeviceRecord? Device(DeviceId id) => Current().Devices.GetValueOrDefault(id);

    /// <summary>The device or relay whose certificate has this kid.</summary>
    public (DeviceRecord? Device, RelayRecord? Relay) FindByKeyId(string keyIdHex)
    {
        var snapshot = Current();
        return (snapshot.DevicesByKid.GetValueOrDefault(keyIdHex)?.Record, snapshot.RelaysByKid.GetValueOrDefault(keyIdHex));
    }

    /// <summary>Whether a relay may carry a device's batches.</summary>
    public bool RelayCarries(string relayId, DeviceId device) =>
        Current().Relays.TryGetValue(relayId, out var relay) && relay.Devices.Contains(device.Value);

    /// <summary>Forces a reload on the next lookup.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _checkedAt = DateTimeOffset.MinValue;
        }
    }

    /// <inheritdoc />
    public bool IsKnown(DeviceId id) => Current().Devices.ContainsKey(id);

    /// <inheritdoc />
    DeviceCredential? IDeviceDirectory.FindByKeyId(string keyIdHex) => Current().DevicesByKid.GetValueOrDefault(keyIdHex)?.Credential;

    private Snapshot Current()
    {
        var now = _time.GetUtcNow();
        if (now - _checkedAt < RecheckInterval)
        {
            return _snapshot;
        }

        lock (_gate)
        {
            if (now - _checkedAt < RecheckInterval)
            {
                return _snapshot;
            }

            var version = _registry.Version();
            if (version != _snapshot.Version)
            {
                _snapshot = Load(version);
            }

            _checkedAt = now;
            return _snapshot;
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
        return new Snapshot(
            version,
            devices.ToDictionary(d => d.Id),
            byKid,
            relays.ToDictionary(r => r.Id),
            relays.ToDictionary(r => r.KeyIdHex));
    }

    private sealed record CachedDevice(DeviceRecord Record, DeviceCredential Credential);

    private sealed record Snapshot(
        long Version,
        Dictionary<DeviceId, DeviceRecord> Devices,
        Dictionary<string, CachedDevice> DevicesByKid,
        Dictionary<string, RelayRecord> Relays,
        Dictionary<string, RelayRecord> RelaysByKid)
    {
        public static readonly Snapshot Empty = new(-1, [], [], [], []);
    }
}

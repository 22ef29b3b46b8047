using Vigil.Domain.Devices;
using Vigil.Record.Batches;
using Vigil.Record.Events;
using Vigil.Record.Registry;
using Vigil.Record.Trust;

namespace Vigil.Platform.Queries;

/// <summary>The fleet with its trust state and activity, for analysts: devices show whether they are bound, not to whom.</summary>
public sealed class FleetViews(IRegistry registry, IBatchStore batches, ITrustStore trust, IEventLog events)
{
    // How many of the latest security events are read to count them per device.
    private const int EventWindow = 100_000;

    /// <summary>Every enrolled device, by id, with its flags, relays, latest activity and the security events about it among the latest 100,000.</summary>
    public async Task<IReadOnlyList<FleetDevice>> DevicesAsync(CancellationToken cancellationToken = default)
    {
        var activity = (await batches.ActivityAsync(cancellationToken)).ToDictionary(a => a.DeviceId);
        var flags = (await trust.FlagsAsync(cancellationToken: cancellationToken)).ToLookup(f => f.DeviceId, f => f.Reason);
        var relays = (await registry.ListRelaysAsync(cancellationToken))
            .SelectMany(r => r.Devices.Select(d => (Device: d, Relay: r.Id.Value)))
            .ToLookup(x => x.Device, x => x.Relay, StringComparer.Ordinal);
        var counts = (await events.ListAsync(new EventQuery(Limit: EventWindow), cancellationToken))
            .Where(e => e.DeviceId is not null)
            .GroupBy(e => e.DeviceId!)
            .ToDictionary(g => g.Key, g => g.Sum(e => (long)e.Count));
        return [.. (await registry.ListDevicesAsync(cancellationToken)).Select(d =>
        {
            activity.TryGetValue(d.Id, out var a);
            return new FleetDevice(
                d.Id, d.Model, d.Lot, d.Serial, d.Firmware, d.Status, d.StatusReason, [.. flags[d.Id]], d.PatientId is not null,
                [.. relays[d.Id.Value]], a?.LastSeen, a?.LastSource, a?.Batches ?? 0, counts.GetValueOrDefault(d.Id.Value));
        })];
    }

    /// <summary>Every enrolled device as the registry holds it (with the patient it is bound to), by id, for operators.</summary>
    public Task<IReadOnlyList<DeviceRecord>> EnrolledAsync(CancellationToken cancellationToken = default) => registry.ListDevicesAsync(cancellationToken);

    /// <summary>An enrolled device as the registry holds it, or null.</summary>
    public Task<DeviceRecord?> FindDeviceAsync(DeviceId id, CancellationToken cancellationToken = default) => registry.FindDeviceAsync(id, cancellationToken);

    /// <summary>How many batches of a device the record holds.</summary>
    public Task<long> BatchesOfAsync(DeviceId id, CancellationToken cancellationToken = default) => batches.CountBatchesAsync(id, cancellationToken);

    /// <summary>Every relay with the devices it may carry, by id.</summary>
    public Task<IReadOnlyList<RelayRecord>> RelaysAsync(CancellationToken cancellationToken = default) => registry.ListRelaysAsync(cancellationToken);

    /// <summary>A relay, or null.</summary>
    public Task<RelayRecord?> FindRelayAsync(RelayId id, CancellationToken cancellationToken = default) => registry.FindRelayAsync(id, cancellationToken);

    /// <summary>The registry's version, which every change to it advances.</summary>
    public Task<long> RegistryVersionAsync(CancellationToken cancellationToken = default) => registry.VersionAsync(cancellationToken);

    /// <summary>The known-good firmware of every model.</summary>
    public Task<IReadOnlyList<FirmwareEntry>> FirmwareAsync(CancellationToken cancellationToken = default) => trust.FirmwareAsync(cancellationToken);

    /// <summary>How many batches and security events the record holds.</summary>
    public async Task<FleetCounts> CountsAsync(CancellationToken cancellationToken = default) =>
        new(await batches.CountBatchesAsync(cancellationToken: cancellationToken), await events.CountAsync(cancellationToken: cancellationToken));
}

using Vigil.Domain.Devices;
using Vigil.Domain.Security;

namespace Vigil.Record.Trust;

/// <summary>
/// What Vigil holds about devices' trustworthiness beyond their status: standing flags, known-good
/// firmware per model, incidents and recalls. Changing flags or firmware changes the registry's
/// version, so servers pick it up.
/// </summary>
public interface ITrustStore
{
    /// <summary>Sets (or moves the start of) a flag on a device.</summary>
    Task SetFlagAsync(DeviceFlag flag, CancellationToken cancellationToken = default);

    /// <summary>Clears a flag; false if it was not set.</summary>
    Task<bool> ClearFlagAsync(DeviceId device, DeviceFlagKind flag, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Flags, of one device or all.</summary>
    Task<IReadOnlyList<DeviceFlag>> FlagsAsync(DeviceId? device = null, CancellationToken cancellationToken = default);

    /// <summary>Lists a firmware digest as known good for a model.</summary>
    Task AllowFirmwareAsync(FirmwareEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Every known-good firmware.</summary>
    Task<IReadOnlyList<FirmwareEntry>> FirmwareAsync(CancellationToken cancellationToken = default);

    /// <summary>Opens an incident and returns its number.</summary>
    Task<long> OpenIncidentAsync(Incident incident, CancellationToken cancellationToken = default);

    /// <summary>Incidents, newest first; of one device if given.</summary>
    Task<IReadOnlyList<Incident>> IncidentsAsync(DeviceId? device = null, int limit = 200, CancellationToken cancellationToken = default);

    /// <summary>Stores a recall and returns its number.</summary>
    Task<long> AddRecallAsync(Recall recall, CancellationToken cancellationToken = default);

    /// <summary>Records what a recall matched.</summary>
    Task CompleteRecallAsync(long id, int devices, int readings, CancellationToken cancellationToken = default);

    /// <summary>Every recall, newest first.</summary>
    Task<IReadOnlyList<Recall>> RecallsAsync(CancellationToken cancellationToken = default);
}

using Vigil.Domain.Devices;

namespace Vigil.Record.Trust;

/// <summary>
/// What Vigil holds about devices' trustworthiness beyond their status: standing flags, known-good
/// firmware per model, incidents and recalls. Changing flags or firmware changes the registry's
/// version, so servers pick it up.
/// </summary>
public interface ITrustStore
{
    /// <summary>Sets (or moves the start of) a flag on a device.</summary>
    void SetFlag(DeviceFlag flag);

    /// <summary>Clears a flag; false if it was not set.</summary>
    bool ClearFlag(DeviceId device, string flag, DateTimeOffset at);

    /// <summary>Flags, of one device or all.</summary>
    IReadOnlyList<DeviceFlag> Flags(DeviceId? device = null);

    /// <summary>Lists a firmware digest as known good for a model.</summary>
    void AllowFirmware(FirmwareEntry entry);

    /// <summary>Every known-good firmware.</summary>
    IReadOnlyList<FirmwareEntry> Firmware();

    /// <summary>Opens an incident and returns its number.</summary>
    long OpenIncident(Incident incident);

    /// <summary>Incidents, newest first; of one device if given.</summary>
    IReadOnlyList<Incident> Incidents(DeviceId? device = null, int limit = 200);

    /// <summary>Stores a recall and returns its number.</summary>
    long AddRecall(Recall recall);

    /// <summary>Records what a recall matched.</summary>
    void CompleteRecall(long id, int devices, int readings);

    /// <summary>Every recall, newest first.</summary>
    IReadOnlyList<Recall> Recalls();
}

using Vigil.Domain.Devices;
using Vigil.Domain.Verification;
using Vigil.Record.Registry;

namespace Vigil.Platform.Verification;

/// <summary>The reasons that hold for every reading of a device because of what the device is, not what it measured.</summary>
internal static class DeviceStanding
{
    /// <summary>The reasons for a batch sealed at <paramref name="created"/>.</summary>
    public static IReadOnlyList<string> Reasons(DeviceRecord device, IReadOnlyList<DeviceFlag> flags, bool firmwareKnown, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(flags);
        List<string> reasons = [];
        if (device.Status == DeviceStatus.Quarantined)
        {
            reasons.Add(ReasonCodes.Quarantined);
        }

        if (!firmwareKnown)
        {
            reasons.Add(ReasonCodes.UnknownFirmware);
        }

        reasons.AddRange(flags.Where(f => created >= f.Since).Select(f => f.Reason));
        return reasons;
    }
}

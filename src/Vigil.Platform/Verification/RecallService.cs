using Vigil.Domain.Devices;

namespace Vigil.Platform.Verification;

/// <summary>
/// Recalls (T09): a recall flags every enrolled device it covers, re-verifies their readings since
/// its start as Suspect(recall) and tells their care teams. Devices that arrive later are covered
/// through the flag the registry carries.
/// </summary>
public sealed class RecallService(TrustResponse response)
{
    /// <summary>The security event code of a recall.</summary>
    public const string RecallIssued = "recall";

    /// <summary>Creates a recall and applies it; returns it with what it matched.</summary>
    public async Task<Recall> CreateAsync(Recall recall, string actor)
    {
        ArgumentNullException.ThrowIfNull(recall);
        var id = await response.Trust.AddRecallAsync(recall);
        var devices = (await response.Registry.ListDevicesAsync()).Where(d => recall.Covers(d.Model, d.Lot, d.Serial, d.Firmware)).ToList();
        var readings = 0;
        foreach (var device in devices)
        {
            readings += await response.FlagAsync(
                device.Id, DeviceFlagKind.Recall, recall.Since, $"recall {id}", $"recall {id}: {recall.Reason}", actor, "cli", RecallIssued);
        }

        await response.Trust.CompleteRecallAsync(id, devices.Count, readings);
        return recall with { Id = id, Devices = devices.Count, Readings = readings };
    }
}

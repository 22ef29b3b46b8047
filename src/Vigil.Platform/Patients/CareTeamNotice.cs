using Vigil.Domain.Clinical;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Verification;
using Vigil.Record.Clinical;

namespace Vigil.Platform.Patients;

/// <summary>
/// Tells a patient's care team that a device's data cannot be trusted and another measurement
/// should be used: a <see cref="AlertRules.DataUntrusted"/> alert, one open per patient, counting
/// each further notice.
/// </summary>
internal static class CareTeamNotice
{
    /// <summary>Raises or adds to the notice.</summary>
    public static async Task RaiseAsync(IClinicalStore clinical, PatientId patientId, DeviceId device, string reason, string detail, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(clinical);
        var text = $"data from {device} cannot be trusted ({reason}): {detail}; use another measurement";
        if (await clinical.OpenAlertAsync(patientId, AlertRules.DataUntrusted) is { } open)
        {
            await clinical.AddOccurrenceAsync(open.Id, at, 0, VerdictStatus.Suspect, [reason], at);
            return;
        }

        await clinical.RaiseAlertAsync(new Alert(0, patientId, AlertRules.DataUntrusted, device, at, at, 0, text, VerdictStatus.Suspect, [reason], AlertStatus.Open, at, 1, at));
    }
}

using Vigil.Domain.Devices;
using Vigil.Domain.Security;
using Vigil.Platform.Patients;
using Vigil.Platform.Security;
using Vigil.Record.Clinical;
using Vigil.Record.Readings;
using Vigil.Record.Registry;
using Vigil.Record.Trust;

namespace Vigil.Platform.Verification;

/// <summary>
/// What Vigil does when it stops trusting a device: flags it, re-verifies its readings since the
/// doubt began (each revision keeps the verdict it replaces), tells the patient's care team, opens
/// an incident where someone must act, and records a security event. Used by the device actors,
/// and by the CLI for recalls and calibrations.
/// </summary>
public sealed class TrustResponse(IRegistry registry, ITrustStore trust, IReadingStore readings, IClinicalStore clinical, SecurityEventSink events, TimeProvider time)
{
    /// <summary>The security event code of a detected clone.</summary>
    public const string CloneDetected = "clone-detected";

    /// <summary>The device registry.</summary>
    public IRegistry Registry => registry;

    /// <summary>The trust store.</summary>
    public ITrustStore Trust => trust;

    /// <summary>
    /// A clone (T05): opens an incident, quarantines the device, marks its readings since the split
    /// Suspect(clone) and tells the care team.
    /// </summary>
    public async Task<long> CloneAsync(DeviceId device, DateTimeOffset since, string principal, string source, string detail)
    {
        var now = time.GetUtcNow();
        var incident = await OpenIncidentOnceAsync(IncidentKind.Clone, device, since, detail) ?? (await trust.IncidentsAsync(device)).First(i => i.Kind == IncidentKind.Clone).Id;
        await registry.SetDeviceStatusAsync(device, DeviceStatus.Quarantined, $"clone: incident {incident}", now);
        await FlagAsync(device, DeviceFlagKind.Clone, since, $"incident {incident}", detail, principal, source, CloneDetected);
        return incident;
    }

    /// <summary>
    /// Sets a standing flag on a device (recall, drift, lot drift, clone), re-verifies its readings
    /// since <paramref name="since"/>, tells the care team and records an event; returns how many
    /// readings changed.
    /// </summary>
    public async Task<int> FlagAsync(DeviceId device, DeviceFlagKind flag, DateTimeOffset since, string reference, string detail, string principal, string source, string eventCode)
    {
        var now = time.GetUtcNow();
        await trust.SetFlagAsync(new DeviceFlag(device, flag, since, reference, now));
        var changed = await readings.AddReasonAsync(device, since, flag.ReasonCode(), reference, now);
        if ((await registry.FindDeviceAsync(device))?.PatientId is { } patient)
        {
            await CareTeamNotice.RaiseAsync(clinical, patient, device, flag.ReasonCode(), detail, now);
        }

        await events.RaiseDurablyAsync(eventCode, principal, source, device.Value, $"{detail}; {changed} readings re-verified");
        return changed;
    }

    /// <summary>
    /// Opens an incident unless one of the kind is already open for the device and subject (a lot,
    /// for incidents on no one device); returns the new number, or null.
    /// </summary>
    public async Task<long?> OpenIncidentOnceAsync(IncidentKind kind, DeviceId? device, DateTimeOffset since, string detail, string? subject = null)
    {
        if ((await trust.IncidentsAsync(device)).Any(i => i.Kind == kind && i.Status == IncidentStatus.Open && i.DeviceId == device && i.Subject == subject))
        {
            return null;
        }

        return await trust.OpenIncidentAsync(new Incident(0, kind, device, time.GetUtcNow(), since, detail, Subject: subject));
    }

    /// <summary>Records a security event.</summary>
    public Task RaiseAsync(string code, string principal, string source, DeviceId? device, string detail) =>
        events.RaiseDurablyAsync(code, principal, source, device?.Value, detail);

    /// <summary>
    /// Quarantines or revokes a device for <paramref name="actor"/>: the status changes (revocation
    /// is final), the care team is told to use another measurement, and a security event records
    /// who did it. False if the device is unknown or its status cannot change.
    /// </summary>
    public async Task<bool> SetStatusAsync(DeviceId device, DeviceStatus status, string reason, string actor, string source)
    {
        if (!await registry.SetDeviceStatusAsync(device, status, reason, time.GetUtcNow()))
        {
            return false;
        }

        var verb = status.ToString().ToLowerInvariant();
        await NotifyAsync(device, verb, reason);
        await RaiseAsync($"device-{verb}", actor, source, device, $"{actor} set {device} {verb}: {reason}");
        return true;
    }

    /// <summary>Tells a device's care team its data cannot be trusted, without flagging it.</summary>
    public async Task NotifyAsync(DeviceId device, string reason, string detail)
    {
        if ((await registry.FindDeviceAsync(device))?.PatientId is { } patient)
        {
            await CareTeamNotice.RaiseAsync(clinical, patient, device, reason, detail, time.GetUtcNow());
        }
    }
}

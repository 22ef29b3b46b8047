using Vigil.Domain.Devices;
using Vigil.Domain.Verification;

namespace Vigil.Simulator.Attacks.Scenarios;

/// <summary>
/// T05 with nothing to tell apart on the network: the copy of a CGM's key sits behind the
/// patient's own hub and sends through the hub's connection, so both copies arrive from one
/// relay, one address and one transport. The copy takes the genuine device's next number in a
/// session of its own; when the genuine device reaches that number, two different signed
/// contents under one number prove a second key holder.
/// </summary>
internal sealed class CloneBehindRelayScenario() : AttackScenario(
    "T05-behind-hub",
    "a copy of a CGM's key sends through the patient's own hub, on the same connection as the genuine device",
    "clone incident from signed content alone; device quarantined; readings since the split Suspect(clone)")
{
    /// <inheritdoc />
    public override async Task<AttackOutcome> RunAsync(AttackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (patient, cgm, hub) = await session.AdmitCgmAsync("t05r", session.Now.AddMinutes(-30));
        await session.SendGlucoseHistoryAsync(hub, cgm, [140, 138, 135]);
        var copy = session.Target.Clone(cgm, 4);

        session.BeginAttack();
        await hub.SendAsync(cgm.Id, copy.Seal([AttackSession.Glucose(cgm.Clock.GetUtcNow(), 51)]).Envelope, session.Cancellation);
        await hub.SendAsync(cgm.Id, cgm.Sealer.Seal([AttackSession.Glucose(cgm.Clock.GetUtcNow(), 133)]).Envelope, session.Cancellation);
        return await session.DetectAsync(
            this, cgm, patient,
            e => e.Incidents.Contains("clone") && e.Status == DeviceStatus.Quarantined && e.Readings.Any(r => r.Reasons.Contains(ReasonCodes.Clone))
                ? $"clone incident with both copies behind one hub; device quarantined; {e.Readings.Count(r => r.Reasons.Contains(ReasonCodes.Clone))} readings Suspect(clone)"
                : null,
            "no clone incident with the device quarantined");
    }
}

using Vigil.Domain.Devices;
using Vigil.Domain.Verification;

namespace Vigil.Simulator.Attacks.Scenarios;

/// <summary>
/// T05: a CGM's key was extracted. The attacker's copy connects on its own with the device's
/// certificate and sends a fake hypo under the next sequence number, while the genuine device
/// goes on sending through its hub. Two validly signed batches with one number prove the key is
/// in two places: Vigil must open a clone incident, quarantine the device and mark its readings
/// since the split Suspect(clone).
/// </summary>
internal sealed class CloneScenario() : AttackScenario(
    "T05-clone",
    "a copy of a CGM's key sends a fake hypo under the genuine device's next number",
    "clone incident; device quarantined; readings since the split Suspect(clone)")
{
    /// <inheritdoc />
    public override async Task<AttackOutcome> RunAsync(AttackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (patient, cgm, hub) = await session.AdmitCgmAsync("t05", session.Now.AddMinutes(-30));
        await session.SendGlucoseHistoryAsync(hub, cgm, [131, 128, 126]);
        var copy = session.Target.Clone(cgm, 4);
        var thief = await session.DirectAsync(cgm);

        session.BeginAttack();
        var forged = copy.Seal([AttackSession.Glucose(cgm.Clock.GetUtcNow(), 48)]);
        await thief.SendAsync(cgm.Id, forged.Envelope, session.Cancellation);
        await hub.SendAsync(cgm.Id, cgm.Sealer.Seal([AttackSession.Glucose(cgm.Clock.GetUtcNow(), 125)]).Envelope, session.Cancellation);
        return await session.DetectAsync(
            this, cgm, patient,
            e => e.Incidents.Contains("clone") && e.Status == DeviceStatus.Quarantined && e.Readings.Any(r => r.Reasons.Contains(ReasonCodes.Clone))
                ? $"clone incident; device quarantined; {e.Readings.Count(r => r.Reasons.Contains(ReasonCodes.Clone))} readings Suspect(clone)"
                : null,
            "no clone incident with the device quarantined");
    }
}

using Vigil.Domain.Devices;
using Vigil.Domain.Verification;

namespace Vigil.Simulator.Attacks.Scenarios;

/// <summary>
/// T05 from one address, never reusing a number: the copy of a CGM's key connects with the
/// device's own certificate from the address its hub uses, and numbers far ahead of the genuine
/// counter in a session of its own, so no number is ever signed twice. The genuine device goes on
/// in its older session after the copy's began: sessions that run against their start order are
/// the evidence of a second counter.
/// </summary>
internal sealed class CloneRunningAheadScenario() : AttackScenario(
    "T05-run-ahead",
    "a copy of a CGM's key, from the hub's own address, numbers far ahead of the genuine device so no number repeats",
    "clone incident (sessions out of order); device quarantined; readings since the split Suspect(clone)")
{
    /// <inheritdoc />
    public override async Task<AttackOutcome> RunAsync(AttackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (patient, cgm, hub) = await session.AdmitCgmAsync("t05a", session.Now.AddMinutes(-40));
        await session.SendGlucoseHistoryAsync(hub, cgm, [102, 104, 103]);
        var copy = session.Target.Clone(cgm, 100);
        var thief = await session.DirectAsync(cgm);

        session.BeginAttack();
        await thief.SendAsync(cgm.Id, copy.Seal([AttackSession.Glucose(cgm.Clock.GetUtcNow(), 260)]).Envelope, session.Cancellation);
        cgm.Clock.Advance(TimeSpan.FromMinutes(5));
        await hub.SendAsync(cgm.Id, cgm.Sealer.Seal([AttackSession.Glucose(cgm.Clock.GetUtcNow(), 105)]).Envelope, session.Cancellation);
        return await session.DetectAsync(
            this, cgm, patient,
            e => e.Incidents.Contains("clone") && e.Status == DeviceStatus.Quarantined && e.Readings.Any(r => r.Reasons.Contains(ReasonCodes.Clone))
                ? $"clone incident from the sessions' order, one address for both; device quarantined; {e.Readings.Count(r => r.Reasons.Contains(ReasonCodes.Clone))} readings Suspect(clone)"
                : null,
            "no clone incident with the device quarantined");
    }
}

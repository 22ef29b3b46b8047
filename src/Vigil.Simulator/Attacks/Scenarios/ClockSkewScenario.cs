using Vigil.Domain.Verification;

namespace Vigil.Simulator.Attacks.Scenarios;

/// <summary>
/// T19: a CGM's clock is set twenty minutes ahead, so that its readings sort after ones not yet
/// taken and a fall in between can be hidden or reordered. Vigil must mark them Suspect or
/// Rejected for clock skew, raise a clock-skew event and open an incident.
/// </summary>
internal sealed class ClockSkewScenario() : AttackScenario(
    "T19-clock",
    "CGM clock set twenty minutes ahead of the platform's",
    "readings Suspect(clock-skew); clock-skew event and incident")
{
    /// <inheritdoc />
    public override async Task<AttackOutcome> RunAsync(AttackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (patient, cgm, hub) = await session.AdmitCgmAsync("t19", session.Now.AddMinutes(-15));
        await session.SendGlucoseHistoryAsync(hub, cgm, [121, 119]);

        session.BeginAttack();
        cgm.Clock.Set(session.Now.AddMinutes(20));
        await session.SendGlucoseHistoryAsync(hub, cgm, [117, 116]);
        return await session.DetectAsync(
            this, cgm, patient,
            e => e.EventCodes.Contains("clock-skew") && e.Incidents.Contains("clock-skew") && e.Readings.Any(r => r.Reasons.Contains(ReasonCodes.ClockSkew))
                ? $"clock-skew event and incident; {e.Readings.Count(r => r.Reasons.Contains(ReasonCodes.ClockSkew))} readings {e.Readings.Last().Status}(clock-skew)"
                : null,
            "no clock-skew event, incident and verdict");
    }
}

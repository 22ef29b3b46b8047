using Vigil.Domain.Verification;

namespace Vigil.Simulator.Attacks.Scenarios;

/// <summary>
/// T19 across a restart: a CGM is restarted with its clock set three hours back. The device SDK
/// keeps its batch times monotonic, so only the readings, dated by the regressed clock, fall in
/// time the device's earlier session already reported (where they could hide or reorder values).
/// Vigil must mark them Suspect for clock skew, raise a clock-skew event and open an incident,
/// and must not take the restart for a clone.
/// </summary>
internal sealed class ClockBackScenario() : AttackScenario(
    "T19-clock-back",
    "CGM restarted with its clock set three hours back; batch times kept monotonic, readings dated back",
    "readings Suspect(clock-skew); clock-skew event and incident; no clone incident")
{
    /// <inheritdoc />
    public override async Task<AttackOutcome> RunAsync(AttackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (patient, cgm, hub) = await session.AdmitCgmAsync("t19b", session.Now.AddHours(-4));
        SealedBatchTimes last = default;
        foreach (var value in new double[] { 121, 119, 118, 120 })
        {
            var batch = await session.SendGenuineAsync(hub, cgm, AttackSession.Glucose(cgm.Clock.GetUtcNow(), value));
            last = new SealedBatchTimes(batch.Sequence, batch.Created);
            cgm.Clock.Advance(TimeSpan.FromHours(1));
        }

        session.BeginAttack();
        cgm.Clock.Set(last.Created.AddHours(-3));
        var restarted = cgm with { Sealer = session.Target.Restart(cgm, last.Sequence + 1, last.Created) };
        await session.SendGlucoseHistoryAsync(hub, restarted, [117, 116]);
        return await session.DetectAsync(
            this, cgm, patient,
            e => e.EventCodes.Contains("clock-skew") && e.Incidents.Contains("clock-skew") && !e.Incidents.Contains("clone")
                && e.Readings.Any(r => r.Reasons.Contains(ReasonCodes.ClockSkew))
                ? $"clock-skew event and incident, no clone incident; {e.Readings.Count(r => r.Reasons.Contains(ReasonCodes.ClockSkew))} readings Suspect(clock-skew)"
                : null,
            "no clock-skew event, incident and verdict (or a clone incident)");
    }

    private readonly record struct SealedBatchTimes(ulong Sequence, DateTimeOffset Created);
}

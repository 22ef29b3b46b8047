using Vigil.Domain.Verification;

namespace Vigil.Simulator.Attacks.Scenarios;

/// <summary>
/// T06: a compromised CGM reports one comfortable value for an hour, whatever the patient's
/// glucose does. Vigil must mark the flat run Suspect(flatline) and tell the care team.
/// </summary>
internal sealed class FlatlineScenario() : AttackScenario(
    "T06-flatline",
    "compromised CGM reports a flat 104 mg/dL for an hour",
    "flat run Suspect(flatline); care team told the data cannot be trusted")
{
    /// <inheritdoc />
    public override async Task<AttackOutcome> RunAsync(AttackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (patient, cgm, hub) = await session.AdmitCgmAsync("t06f", session.Now.AddMinutes(-5 * 16));
        await session.SendGlucoseHistoryAsync(hub, cgm, [117, 112, 108]);

        session.BeginAttack();
        await session.SendGlucoseHistoryAsync(hub, cgm, Enumerable.Repeat(104.0, 12));
        return await session.DetectAsync(
            this, cgm, patient,
            e => e.Readings.Any(r => r.Reasons.Contains(ReasonCodes.Flatline)) && e.Alerts.Any(a => a.Rule == "data-untrusted")
                ? $"{e.Readings.Count(r => r.Reasons.Contains(ReasonCodes.Flatline))} readings Suspect(flatline); care team notice raised"
                : null,
            "flat run not marked flatline, or no care-team notice");
    }
}

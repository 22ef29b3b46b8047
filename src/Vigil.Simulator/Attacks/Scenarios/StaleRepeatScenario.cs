using Vigil.Domain.Verification;

namespace Vigil.Simulator.Attacks.Scenarios;

/// <summary>
/// T06: a compromised CGM keeps signing, but instead of what it measures it sends an hour of
/// the patient's earlier, normal values again, with new times and sequence numbers, so that a
/// falling glucose goes unseen. Vigil must mark the repeated values Suspect(stale-repeat) and
/// tell the care team the data cannot be trusted.
/// </summary>
internal sealed class StaleRepeatScenario() : AttackScenario(
    "T06-stale",
    "compromised CGM re-sends an earlier hour of normal values as new",
    "repeated readings Suspect(stale-repeat); care team told the data cannot be trusted")
{
    private static readonly double[] History = [118, 121, 125, 128, 126, 122, 117, 113, 110, 108, 111, 115];

    /// <inheritdoc />
    public override async Task<AttackOutcome> RunAsync(AttackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (patient, cgm, hub) = await session.AdmitCgmAsync("t06s", session.Now.AddMinutes(-5 * (History.Length + 9)));
        await session.SendGlucoseHistoryAsync(hub, cgm, History);

        session.BeginAttack();
        await session.SendGlucoseHistoryAsync(hub, cgm, History.Take(8));
        return await session.DetectAsync(
            this, cgm, patient,
            e => e.Readings.Any(r => r.Reasons.Contains(ReasonCodes.StaleRepeat)) && e.Alerts.Any(a => a.Rule == "data-untrusted")
                ? $"{e.Readings.Count(r => r.Reasons.Contains(ReasonCodes.StaleRepeat))} readings Suspect(stale-repeat); care team notice raised"
                : null,
            "repeated values not marked stale-repeat, or no care-team notice");
    }
}

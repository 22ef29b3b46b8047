using Vigil.Domain.Devices;
using Vigil.Domain.Verification;

namespace Vigil.Simulator.Attacks.Scenarios;

/// <summary>
/// T06: a compromised CGM reports one comfortable value for an hour, whatever the patient's
/// glucose does. Vigil must mark the flat run Suspect(flatline) and tell the care team.
/// </summary>
public sealed class FlatlineScenario : AttackScenario
{
    /// <inheritdoc />
    public override string Id => "T06-flatline";

    /// <inheritdoc />
    public override string Title => "compromised CGM reports a flat 104 mg/dL for an hour";

    /// <inheritdoc />
    public override string Expectation => "flat run Suspect(flatline); care team told the data cannot be trusted";

    /// <inheritdoc />
    public override async Task<AttackOutcome> RunAsync(AttackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var patient = session.Admit("t06f", session.Now.AddMinutes(-5 * 16), "LAB-1", SensorKind.ContinuousGlucoseMonitor);
        var cgm = patient.Device(SensorKind.ContinuousGlucoseMonitor);
        var hub = await session.RelayAsync(patient);
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

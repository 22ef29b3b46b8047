using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;

namespace Vigil.Simulator.Attacks.Scenarios;

/// <summary>
/// T07: to force an emergency dispatch, a spoofed oximeter batch drops SpO2 from 97 % to 71 %
/// within a second, a fall no lung can produce. Vigil must mark the readings
/// Suspect(rate-of-change) and raise the desaturation alert unconfirmed, so that it cannot be
/// escalated before a clinician confirms it.
/// </summary>
internal sealed class ImpossibleDesaturationScenario() : AttackScenario(
    "T07-desaturation",
    "SpO2 falls from 97 % to 71 % within a second, to force a dispatch",
    "readings Suspect(rate-of-change); desaturation alert unconfirmed, not escalatable")
{
    /// <inheritdoc />
    public override async Task<AttackOutcome> RunAsync(AttackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var start = session.Now.AddMinutes(-3);
        var patient = await session.AdmitAsync("t07", start, "LAB-1", SensorKind.PulseOximeter);
        var oximeter = patient.Device(SensorKind.PulseOximeter);
        var hub = await session.RelayAsync(patient);
        oximeter.Clock.Advance(TimeSpan.FromMinutes(1));
        await session.SendGenuineAsync(hub, oximeter, Minute(start, s => s % 2 == 0 ? 97 : 96));
        oximeter.Clock.Advance(TimeSpan.FromMinutes(1));

        session.BeginAttack();
        await session.SendGenuineAsync(hub, oximeter, Minute(start.AddMinutes(1), s => s < 50 ? 97 : 71));
        return await session.DetectAsync(
            this, oximeter, patient,
            e => e.Readings.Any(r => r.Reasons.Contains(ReasonCodes.RateOfChange))
                && e.Alerts.FirstOrDefault(a => a.Rule == "spo2-low") is { Unconfirmed: true, Integrity: not VerdictStatus.Verified }
                ? "readings Suspect(rate-of-change); spo2-low alert raised UNCONFIRMED (escalation refused until confirmed)"
                : null,
            "no unconfirmed desaturation alert on readings marked rate-of-change");
    }

    private static Reading[] Minute(DateTimeOffset start, Func<int, double> spo2) =>
        [.. Enumerable.Range(0, 60).Select(s => Reading.Single(MeasurementKind.OxygenSaturation, start.AddSeconds(s), spo2(s), "%"))];
}

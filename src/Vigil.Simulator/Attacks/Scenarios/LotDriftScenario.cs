using Vigil.Domain.Devices;
using Vigil.Domain.Verification;

namespace Vigil.Simulator.Attacks.Scenarios;

/// <summary>
/// T09: a lot of CGM sensors reads 30 % low. Nobody attacks; the sensors are simply wrong, and
/// would mislead clinicians for weeks. Nurses' fingersticks on two patients of the lot give
/// Vigil references: it must measure the lot's error, flag every device of the lot (including a
/// third patient's, never calibrated) with lot-drift, mark their readings Suspect and open an
/// incident.
/// </summary>
internal sealed class LotDriftScenario() : AttackScenario(
    "T09-lot-drift",
    "a lot of CGM sensors reads 30 % low against fingersticks",
    "every device of the lot flagged lot-drift, readings Suspect, an incident")
{
    private const double ReadsLowBy = 0.30;

    /// <inheritdoc />
    public override async Task<AttackOutcome> RunAsync(AttackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var lot = $"LAB-LOT-{session.RunId}";
        var start = session.Now.AddHours(-3);
        var patients = new List<LabPatient>();
        for (var i = 0; i < 3; i++)
        {
            patients.Add(await session.AdmitAsync($"t09-{i}", start, lot, SensorKind.ContinuousGlucoseMonitor));
        }

        var truths = new[] { 120.0, 126, 131 };
        session.BeginAttack();
        foreach (var patient in patients)
        {
            var cgm = patient.Device(SensorKind.ContinuousGlucoseMonitor);
            var hub = await session.RelayAsync(patient);
            for (var k = 0; k < truths.Length; k++)
            {
                await session.SendGenuineAsync(hub, cgm, AttackSession.Glucose(cgm.Clock.GetUtcNow(), Math.Round(truths[k] * (1 - ReadsLowBy))));
                cgm.Clock.Advance(TimeSpan.FromMinutes(50));
            }
        }

        foreach (var patient in patients.Take(2))
        {
            for (var k = 0; k < truths.Length; k++)
            {
                await session.Target.FingerstickAsync(patient.PatientId, start.AddMinutes((50 * k) + 1), truths[k]);
            }
        }

        var uncalibrated = patients[2];
        return await session.DetectAsync(
            this, uncalibrated.Device(SensorKind.ContinuousGlucoseMonitor), uncalibrated,
            e => e.Flags.Contains(ReasonCodes.LotDrift) && e.Incidents.Contains("lot-drift") && e.Readings.All(r => r.Reasons.Contains(ReasonCodes.LotDrift))
                ? $"lot {lot} flagged lot-drift; the uncalibrated patient's {e.Readings.Count} readings Suspect(lot-drift); incident opened"
                : null,
            "the lot's devices were not flagged, or the uncalibrated device's readings stayed trusted");
    }
}

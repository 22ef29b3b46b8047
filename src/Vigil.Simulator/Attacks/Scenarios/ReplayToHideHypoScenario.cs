using Vigil.Protocol;

namespace Vigil.Simulator.Attacks.Scenarios;

/// <summary>
/// T04: the home hub is hostile. When the patient's glucose falls, it swallows the batch that
/// shows it and re-sends a normal batch it captured earlier. Vigil must refuse the copy as a
/// replay and raise an event; the swallowed batch, forwarded late, must still be accepted once.
/// </summary>
internal sealed class ReplayToHideHypoScenario() : AttackScenario(
    "T04-replay",
    "relay replays a captured normal glucose batch to hide a hypo",
    "replay refused with an event; nothing stored twice; the late genuine batch accepted once")
{
    /// <inheritdoc />
    public override async Task<AttackOutcome> RunAsync(AttackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (patient, cgm, hub) = await session.AdmitCgmAsync("t04", session.Now.AddMinutes(-40));
        await session.SendGlucoseHistoryAsync(hub, cgm, [112, 110, 108]);
        var captured = await session.SendGenuineAsync(hub, cgm, AttackSession.Glucose(cgm.Clock.GetUtcNow(), 106));
        cgm.Clock.Advance(TimeSpan.FromMinutes(5));
        await session.SendGlucoseHistoryAsync(hub, cgm, [101, 96, 90]);
        var hidden = cgm.Sealer.Seal([AttackSession.Glucose(cgm.Clock.GetUtcNow(), 52)]);

        session.BeginAttack();
        var replayed = await hub.SendAsync(cgm.Id, captured.Envelope, session.Cancellation);
        var outcome = await session.DetectAsync(
            this, cgm, patient,
            e => e.EventCodes.Contains(Outcomes.Replay.Code) && e.Readings.Count == 7 ? $"replay event; the copy answered '{replayed.Code}' and was not stored again" : null,
            "no replay event for the re-sent batch");
        var late = await hub.SendAsync(cgm.Id, hidden.Envelope, session.Cancellation);
        return outcome with { Evidence = $"{outcome.Evidence}; the swallowed batch forwarded late: {late.Code}" };
    }
}

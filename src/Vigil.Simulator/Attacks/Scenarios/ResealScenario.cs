using Vigil.Domain.Devices;
using Vigil.Protocol;
using Vigil.Protocol.Sealing;

namespace Vigil.Simulator.Attacks.Scenarios;

/// <summary>
/// T04 against T05: a hostile hub keeps a CGM's signed batch (the inner COSE_Sign1 is not secret:
/// it travels on into the health record) and, without the device's key, seals it again in a
/// fresh session of its own under the platform's public ingest key, hoping the second session
/// looks like a clone and gets a healthy patient's device quarantined. Vigil must see the same
/// signed content again: a replay, named, stored once, and no device distrusted.
/// </summary>
internal sealed class ResealScenario() : AttackScenario(
    "T04-reseal",
    "relay re-seals a captured signed batch in a fresh session of its own to have the device taken for a clone",
    "replay event; stored once; the device stays active with no clone incident and its next batch is stored")
{
    /// <inheritdoc />
    public override async Task<AttackOutcome> RunAsync(AttackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (patient, cgm, hub) = await session.AdmitCgmAsync("t04r", session.Now.AddMinutes(-30));
        await session.SendGlucoseHistoryAsync(hub, cgm, [118, 121]);
        var captured = await session.SendGenuineAsync(hub, cgm, AttackSession.Glucose(cgm.Clock.GetUtcNow(), 119));
        cgm.Clock.Advance(TimeSpan.FromMinutes(5));

        session.BeginAttack();
        var resealed = SealingSession.Begin(cgm.Id, session.Target.Recipient, session.Now).Encrypt(captured.SignedBatch, captured.Sequence);
        var answer = await hub.SendAsync(cgm.Id, resealed, session.Cancellation);
        var next = await hub.SendAsync(cgm.Id, cgm.Sealer.Seal([AttackSession.Glucose(cgm.Clock.GetUtcNow(), 117)]).Envelope, session.Cancellation);
        return await session.DetectAsync(
            this, cgm, patient,
            e => e.EventCodes.Contains(Outcomes.Replay.Code) && e.Readings.Count == 4 && e.Status == DeviceStatus.Active && !e.Incidents.Contains("clone") && next.Code == Outcomes.Stored.Code
                ? $"replay event; the re-sealed copy answered '{answer.Code}' and was not stored again; device active, no clone incident; its next batch: {next.Code}"
                : null,
            $"the re-sealed copy answered '{answer.Code}' and the next genuine batch '{next.Code}': wanted a replay event, the device active with no clone incident, the next batch stored");
    }
}

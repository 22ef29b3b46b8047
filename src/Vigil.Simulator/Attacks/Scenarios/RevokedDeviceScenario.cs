using Vigil.Domain.Devices;
using Vigil.Protocol;

namespace Vigil.Simulator.Attacks.Scenarios;

/// <summary>
/// T20: a CGM is revoked (its key is known stolen), but it, or whoever holds its key, keeps
/// sending on its open connection and then tries to connect again. Vigil must refuse its
/// batches at ingest, refuse the new connection with Banned, and record both.
/// </summary>
internal sealed class RevokedDeviceScenario() : AttackScenario(
    "T20-revoked",
    "a revoked CGM keeps sending and reconnects",
    "batches refused (device-revoked), reconnect refused (Banned), events raised")
{
    private static readonly string Revoked = Outcomes.DeviceRevoked.Code;

    /// <inheritdoc />
    public override async Task<AttackOutcome> RunAsync(AttackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var patient = await session.AdmitAsync("t20", session.Now.AddMinutes(-20), "LAB-1", SensorKind.ContinuousGlucoseMonitor);
        var cgm = patient.Device(SensorKind.ContinuousGlucoseMonitor);
        var direct = await session.DirectAsync(cgm);
        await session.SendGlucoseHistoryAsync(direct, cgm, [115, 113]);
        await session.Target.RevokeAsync(cgm.Id, "key reported stolen (attack lab)");

        session.BeginAttack();
        var atIngest = await session.RepeatUntilAsync(async () =>
        {
            var delivery = await direct.SendAsync(cgm.Id, cgm.Sealer.Seal([AttackSession.Glucose(session.Now, 112)]).Envelope, session.Cancellation);
            return delivery.Acknowledged ? null : delivery.Code;
        });
        var atConnect = await session.RepeatUntilAsync(async () =>
        {
            var (sender, refusal) = await session.TryConnectAsync(cgm.Certificate);
            return sender is null ? refusal : null;
        });
        return await session.DetectAsync(
            this, cgm, patient,
            e => atIngest == Revoked && atConnect is not null && e.Status == DeviceStatus.Revoked && e.EventCodes.Count(c => c == Revoked) >= 2
                ? $"batch refused ({atIngest}); reconnect refused ({atConnect}); {e.EventCodes.Count(c => c == Revoked)} device-revoked events"
                : null,
            $"ingest answered '{atIngest ?? "accepted"}', connect answered '{atConnect ?? "accepted"}'");
    }
}

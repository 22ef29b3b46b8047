using Vigil.Platform.Queries;

namespace Vigil.Server.Http.Api;

/// <summary>A device of the fleet as the security view shows it: no patient data (not even the patient's id).</summary>
/// <param name="Id">The device id.</param>
/// <param name="Model">Its model.</param>
/// <param name="Lot">Its lot.</param>
/// <param name="Serial">Its serial number.</param>
/// <param name="Firmware">The firmware it was made with.</param>
/// <param name="Status">active, quarantined or revoked.</param>
/// <param name="StatusReason">Why, when not active.</param>
/// <param name="Flags">Trust flags on it (recall, clone, drift...).</param>
/// <param name="Bound">Whether it is bound to a patient.</param>
/// <param name="Relays">The relays allowed to carry it.</param>
/// <param name="LastSeen">When its latest batch arrived.</param>
/// <param name="LastSource">Who carried it.</param>
/// <param name="Batches">Batches stored.</param>
/// <param name="Events">Security events about it.</param>
internal sealed record DeviceView(
    string Id, string Model, string Lot, string Serial, string Firmware, string Status, string? StatusReason, IReadOnlyList<string> Flags, bool Bound,
    IReadOnlyList<string> Relays, DateTimeOffset? LastSeen, string? LastSource, long Batches, long Events)
{
    /// <summary>The view of a device of the fleet.</summary>
    public static DeviceView Of(FleetDevice d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new DeviceView(
            d.Id.Value, d.Model, d.Lot, d.Serial, d.Firmware, d.Status.ToString().ToLowerInvariant(), d.StatusReason, d.Flags, d.Bound,
            d.Relays, d.LastSeen, d.LastSource, d.Batches, d.Events);
    }
}

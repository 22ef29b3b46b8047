using Vigil.Domain.Devices;

namespace Vigil.Domain.Security;

/// <summary>A security incident: related evidence that someone must act on.</summary>
/// <param name="Id">The record's number for it (0 before it is stored).</param>
/// <param name="Kind">What it is.</param>
/// <param name="DeviceId">The device concerned, if one.</param>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="Since">From when the evidence reaches back.</param>
/// <param name="Detail">What was seen, for a person.</param>
/// <param name="Status">Open, or closed.</param>
/// <param name="Subject">What an incident on no one device is about (<see cref="LotSubject"/>), else null.</param>
public sealed record Incident(
    long Id, IncidentKind Kind, DeviceId? DeviceId, DateTimeOffset OpenedAt, DateTimeOffset Since, string Detail, IncidentStatus Status = IncidentStatus.Open, string? Subject = null)
{
    /// <summary>The subject of an incident on a manufacturing lot.</summary>
    public static string LotSubject(string model, string lot) => $"lot {model}/{lot}";
}

using Vigil.Domain.Devices;

namespace Vigil.Record.Trust;

/// <summary>A security incident: related evidence that someone must act on.</summary>
/// <param name="Id">The record's number for it (0 before it is stored).</param>
/// <param name="Kind">What it is: <c>clone</c>, <c>clock-skew</c>, <c>lot-drift</c>, <c>drift</c>, <c>unknown-firmware</c>.</param>
/// <param name="DeviceId">The device concerned, if one.</param>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="Since">From when the evidence reaches back.</param>
/// <param name="Detail">What was seen, for a person.</param>
/// <param name="Status"><c>open</c> or <c>closed</c>.</param>
public sealed record Incident(long Id, string Kind, DeviceId? DeviceId, DateTimeOffset OpenedAt, DateTimeOffset Since, string Detail, string Status = "open");

using System.Text.Json.Serialization;
using Vigil.Domain.Verification;

namespace Vigil.Domain.Security;

/// <summary>
/// What an incident is about. Each kind has a stable code (<see cref="IncidentCodes.Code(IncidentKind)"/>),
/// the reason code of the same doubt, which is how it is stored, shown and written in JSON.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentKind>))]
public enum IncidentKind
{
    /// <summary>The device's identity is in use in two places (<c>clone</c>).</summary>
    [JsonStringEnumMemberName(ReasonCodes.Clone)]
    Clone,

    /// <summary>The device's clock is off by more than the bound (<c>clock-skew</c>).</summary>
    [JsonStringEnumMemberName(ReasonCodes.ClockSkew)]
    ClockSkew,

    /// <summary>The device's error against reference measurements is too large (<c>drift</c>).</summary>
    [JsonStringEnumMemberName(ReasonCodes.Drift)]
    Drift,

    /// <summary>A lot shows too large an error against reference measurements (<c>lot-drift</c>).</summary>
    [JsonStringEnumMemberName(ReasonCodes.LotDrift)]
    LotDrift,

    /// <summary>The device runs firmware that is not known good for its model (<c>unknown-firmware</c>).</summary>
    [JsonStringEnumMemberName(ReasonCodes.UnknownFirmware)]
    UnknownFirmware,
}

using System.Text.Json.Serialization;

namespace Vigil.Domain.Security;

/// <summary>
/// Whether an incident still needs someone to act. Each status has a stable code
/// (<see cref="IncidentCodes.Code(IncidentStatus)"/>), which is how it is stored, shown and written in JSON.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentStatus>))]
public enum IncidentStatus
{
    /// <summary>Someone must act on it (<c>open</c>).</summary>
    [JsonStringEnumMemberName(IncidentCodes.Open)]
    Open,

    /// <summary>Dealt with (<c>closed</c>).</summary>
    [JsonStringEnumMemberName(IncidentCodes.Closed)]
    Closed,
}

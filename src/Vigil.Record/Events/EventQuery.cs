namespace Vigil.Record.Events;

/// <summary>A filter over security events; null members match everything.</summary>
/// <param name="Code">Only events with this code.</param>
/// <param name="DeviceId">Only events concerning this device.</param>
/// <param name="Since">Only events at or after this time.</param>
/// <param name="Limit">At most this many, newest first.</param>
public sealed record EventQuery(string? Code = null, string? DeviceId = null, DateTimeOffset? Since = null, int Limit = 100);

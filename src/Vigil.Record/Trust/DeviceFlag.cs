using Vigil.Domain.Devices;

namespace Vigil.Record.Trust;

/// <summary>
/// A standing doubt about a device that makes its readings since <paramref name="Since"/> Suspect
/// with the flag as reason: <c>recall</c>, <c>drift</c>, <c>lot-drift</c> or <c>clone</c>.
/// </summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Flag">The reason code.</param>
/// <param name="Since">From when its readings are in doubt.</param>
/// <param name="Reference">What set it, such as <c>recall 2</c> or <c>incident 5</c>.</param>
/// <param name="SetAt">When it was set.</param>
public sealed record DeviceFlag(DeviceId DeviceId, string Flag, DateTimeOffset Since, string Reference, DateTimeOffset SetAt);

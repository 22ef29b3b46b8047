namespace Vigil.Domain.Devices;

/// <summary>
/// A standing doubt about a device that makes its readings since <paramref name="Since"/> Suspect
/// with the flag's reason code (<see cref="Reason"/>).
/// </summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Flag">What the doubt is.</param>
/// <param name="Since">From when its readings are in doubt.</param>
/// <param name="Reference">What set it, such as <c>recall 2</c> or <c>incident 5</c>.</param>
/// <param name="SetAt">When it was set.</param>
public sealed record DeviceFlag(DeviceId DeviceId, DeviceFlagKind Flag, DateTimeOffset Since, string Reference, DateTimeOffset SetAt)
{
    /// <summary>The reason code the flag gives the device's readings: <c>recall</c>, <c>drift</c>, <c>lot-drift</c> or <c>clone</c>.</summary>
    public string Reason => Flag.ReasonCode();
}

namespace Vigil.Domain.Devices;

/// <summary>
/// What a standing flag on a device says about it. Each kind stands for one reason code
/// (<see cref="DeviceFlagKinds.ReasonCode"/>), which is also how the record stores it.
/// </summary>
public enum DeviceFlagKind
{
    /// <summary>The device falls under a recall (<c>recall</c>).</summary>
    Recall,

    /// <summary>The device's error against reference measurements is too large (<c>drift</c>).</summary>
    Drift,

    /// <summary>The device's lot shows too large an error against references (<c>lot-drift</c>).</summary>
    LotDrift,

    /// <summary>The device's identity is in use in two places (<c>clone</c>).</summary>
    Clone,
}

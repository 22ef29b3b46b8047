using Vigil.Domain.Codes;
using Vigil.Domain.Verification;

namespace Vigil.Domain.Devices;

/// <summary>The reason codes of device flags: a flag's code is the reason it gives the device's readings.</summary>
public static class DeviceFlagKinds
{
    /// <summary>The reason code of a flag (<see cref="ReasonCodes"/>).</summary>
    public static string ReasonCode(this DeviceFlagKind kind) => kind switch
    {
        DeviceFlagKind.Recall => ReasonCodes.Recall,
        DeviceFlagKind.Drift => ReasonCodes.Drift,
        DeviceFlagKind.LotDrift => ReasonCodes.LotDrift,
        DeviceFlagKind.Clone => ReasonCodes.Clone,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a device flag"),
    };

    /// <summary>The flag of a reason code, or false if no flag has that code.</summary>
    public static bool TryParse(string? code, out DeviceFlagKind kind) => StableCodes.TryParse(code, ReasonCode, out kind);
}

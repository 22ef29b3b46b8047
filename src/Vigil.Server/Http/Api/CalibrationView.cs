namespace Vigil.Server.Http.Api;

/// <summary>A reference measurement (fingerstick) and the CGM value it was paired with.</summary>
/// <param name="At">When it was taken.</param>
/// <param name="Value">The reference value (mg/dL).</param>
/// <param name="Device">The paired device, if any.</param>
/// <param name="DeviceValue">The device's value then, if any.</param>
/// <param name="Source">Where it came from.</param>
internal sealed record CalibrationView(DateTimeOffset At, double Value, string? Device, double? DeviceValue, string Source);

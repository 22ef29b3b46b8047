namespace Vigil.Record.Encryption;

/// <summary>A reference measurement's values as sealed.</summary>
/// <param name="Value">The reference value.</param>
/// <param name="DeviceValue">The paired device's value, if any.</param>
internal sealed record SealedCalibration(double Value, double? DeviceValue);

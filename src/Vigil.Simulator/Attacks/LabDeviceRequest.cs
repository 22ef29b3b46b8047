using Vigil.Domain.Devices;

namespace Vigil.Simulator.Attacks;

/// <summary>A device the lab wants enrolled for a patient.</summary>
/// <param name="Kind">The sensor kind.</param>
/// <param name="Lot">The manufacturing lot named in its certificate.</param>
/// <param name="ClockStart">Where its clock starts.</param>
public sealed record LabDeviceRequest(SensorKind Kind, string Lot, DateTimeOffset ClockStart);

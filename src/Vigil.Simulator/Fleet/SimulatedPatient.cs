namespace Vigil.Simulator.Fleet;

/// <summary>One simulated patient: the devices on them and the relay in their home.</summary>
/// <param name="Id">The patient id.</param>
/// <param name="Devices">The patient's devices.</param>
/// <param name="Relay">The patient's home hub.</param>
public sealed record SimulatedPatient(string Id, IReadOnlyList<SimulatedDevice> Devices, SimulatedRelay Relay);

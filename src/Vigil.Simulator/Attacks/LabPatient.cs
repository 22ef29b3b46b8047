using System.Security.Cryptography.X509Certificates;

namespace Vigil.Simulator.Attacks;

/// <summary>A patient the attack lab admitted for one scenario, with the home hub that carries the devices' batches.</summary>
/// <param name="PatientId">The patient id.</param>
/// <param name="Relay">The home hub's client certificate with its key.</param>
/// <param name="Devices">The patient's devices, bound to the patient and to the hub.</param>
public sealed record LabPatient(string PatientId, X509Certificate2 Relay, IReadOnlyList<LabDevice> Devices)
{
    /// <summary>The patient's first device of a kind.</summary>
    public LabDevice Device(Domain.Devices.SensorKind kind) => Devices.First(d => d.Kind == kind);
}

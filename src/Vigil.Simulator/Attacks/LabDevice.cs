using System.Security.Cryptography.X509Certificates;
using Vigil.Device.Sealing;
using Vigil.Domain.Devices;

namespace Vigil.Simulator.Attacks;

/// <summary>A device the attack lab enrolled for one scenario: its identity, key, sealer and clock.</summary>
/// <param name="Id">The device id.</param>
/// <param name="Kind">The sensor kind.</param>
/// <param name="Certificate">Its certificate with its private key (the lab plays the device, and the thief of its key).</param>
/// <param name="Sealer">Its sealing client, numbering batches from its counter.</param>
/// <param name="Clock">Its clock.</param>
public sealed record LabDevice(DeviceId Id, SensorKind Kind, X509Certificate2 Certificate, DeviceSealer Sealer, LabClock Clock);

using System.Security.Cryptography.X509Certificates;
using Vigil.Device.Sealing;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;

namespace Vigil.Server.Tests;

/// <summary>A simulated device of a test: its id, certificate with key, and sealer.</summary>
public sealed record SimDevice(DeviceId Id, X509Certificate2 Certificate, DeviceSealer Sealer)
{
    public SealedBatch Seal(double glucose = 104) =>
        Sealer.Seal([Reading.Single(MeasurementKind.Glucose, DateTimeOffset.UtcNow, glucose, "mg/dL")]);
}

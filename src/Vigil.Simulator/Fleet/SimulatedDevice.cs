using Vigil.Device.Sealing;
using Vigil.Domain.Devices;
using Vigil.Simulator.Physiology;

namespace Vigil.Simulator.Fleet;

/// <summary>One simulated sensor on a patient: what it is, how it seals, what it measures, and when it next sends.</summary>
public sealed class SimulatedDevice(DeviceId id, SensorKind kind, DeviceSealer sealer, PatientSensors sensors, DateTimeOffset firstDue)
{
    /// <summary>The device id.</summary>
    public DeviceId Id { get; } = id;

    /// <summary>The sensor kind.</summary>
    public SensorKind Kind { get; } = kind;

    /// <summary>When the next batch is due, in simulated time.</summary>
    public DateTimeOffset NextDue { get; private set; } = firstDue;

    /// <summary>Seals the batch that is due and moves to the next period; returns it with its reading count.</summary>
    public (SealedBatch Batch, int Readings) SealDue()
    {
        var readings = sensors.Batch(Kind, NextDue);
        var batch = sealer.Seal(readings);
        NextDue += PatientSensors.Cadence(Kind);
        return (batch, readings.Count);
    }
}

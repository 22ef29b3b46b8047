using Vigil.Domain.Devices;
using Vigil.Domain.Patients;

namespace Vigil.Record.Clinical;

/// <summary>
/// A reference glucose measurement (a fingerstick) for a patient, and the CGM reading it was
/// paired with, if one was close enough in time.
/// </summary>
/// <param name="Id">The record's number (0 before it is stored).</param>
/// <param name="PatientId">The patient.</param>
/// <param name="At">When it was measured.</param>
/// <param name="Value">The reference value, mg/dL.</param>
/// <param name="Source">Who or what entered it: a user name, or the device that carried it.</param>
/// <param name="EnteredAt">When it was entered.</param>
/// <param name="DeviceId">The CGM it was paired with.</param>
/// <param name="DeviceValue">That CGM's reading nearest in time, mg/dL.</param>
public sealed record Calibration(
    long Id, PatientId PatientId, DateTimeOffset At, double Value, string Source, DateTimeOffset EnteredAt, DeviceId? DeviceId = null, double? DeviceValue = null)
{
    /// <summary>The CGM's relative error against the reference, when paired.</summary>
    public double? RelativeError => DeviceValue is { } v && Value > 0 ? Math.Abs(v - Value) / Value : null;
}

using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;

namespace Vigil.Record.Readings;

/// <summary>Which readings to list; unset fields match everything. Newest first.</summary>
public sealed record ReadingQuery
{
    /// <summary>Only this patient's.</summary>
    public PatientId? PatientId { get; init; }

    /// <summary>Only this device's.</summary>
    public DeviceId? DeviceId { get; init; }

    /// <summary>Only this kind.</summary>
    public MeasurementKind? Kind { get; init; }

    /// <summary>Only with this status.</summary>
    public VerdictStatus? Status { get; init; }

    /// <summary>Measured at or after this.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Measured before this.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>At most this many.</summary>
    public int Limit { get; init; } = 1000;
}

using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Verification;

namespace Vigil.Domain.Clinical;

/// <summary>
/// A clinical or data-integrity alert on a patient. While it is open, further readings that cross
/// the same rule count as occurrences of it rather than new alerts.
/// </summary>
/// <param name="Id">The record's number (0 before it is stored).</param>
/// <param name="PatientId">The patient.</param>
/// <param name="Rule">The rule (<see cref="AlertRules"/>).</param>
/// <param name="DeviceId">The device whose data raised it.</param>
/// <param name="RaisedAt">When it was raised (platform clock).</param>
/// <param name="ReadingAt">When the reading that raised it was measured.</param>
/// <param name="Value">That reading's value.</param>
/// <param name="Detail">What crossed what.</param>
/// <param name="Integrity">The worst verdict among the readings it rests on.</param>
/// <param name="Reasons">Their reasons, when not Verified.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Occurrences">How many readings crossed the rule while it was open.</param>
/// <param name="LastReadingAt">When the latest of them was measured.</param>
public sealed record Alert(
    long Id,
    PatientId PatientId,
    string Rule,
    DeviceId? DeviceId,
    DateTimeOffset RaisedAt,
    DateTimeOffset ReadingAt,
    double Value,
    string Detail,
    VerdictStatus Integrity,
    IReadOnlyList<string> Reasons,
    AlertStatus Status,
    DateTimeOffset UpdatedAt,
    int Occurrences,
    DateTimeOffset LastReadingAt)
{
    /// <summary>Whether the alert rests on data that is not Verified and no clinician has confirmed it.</summary>
    public bool Unconfirmed => Integrity != VerdictStatus.Verified && Status != AlertStatus.Confirmed && Status != AlertStatus.Escalated;
}

using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;

namespace Vigil.Simulator.Fleet;

/// <summary>What a clean-fleet audit counted.</summary>
public sealed record CleanFleetResult
{
    /// <summary>Patient-days simulated.</summary>
    public double PatientDays { get; init; }

    /// <summary>Readings verified.</summary>
    public long Readings { get; private set; }

    /// <summary>Readings found Suspect.</summary>
    public long Suspect { get; private set; }

    /// <summary>Readings found Rejected.</summary>
    public long Rejected { get; private set; }

    /// <summary>Batches whose clock would have raised a clock-skew event.</summary>
    public long ClockIncidents { get; set; }

    /// <summary>Batches the clone rules saw, in the order the hubs delivered them.</summary>
    public long Delivered { get; set; }

    /// <summary>Clone incidents the clone rules would have opened on the clean fleet.</summary>
    public long CloneIncidents { get; set; }

    /// <summary>Times a hub moved to another source address.</summary>
    public long AddressChanges { get; private set; }

    /// <summary>Times a hub switched between MQTT and HTTPS.</summary>
    public long TransportSwitches { get; private set; }

    /// <summary>Care-team notices (data-untrusted) the device's own data would have raised, by sensor kind.</summary>
    public Dictionary<SensorKind, long> NoticesByKind { get; private init; } = [];

    /// <summary>Care-team notices in all.</summary>
    public long Notices => NoticesByKind.Values.Sum();

    /// <summary>Suspect and Rejected readings by reason.</summary>
    public Dictionary<string, long> ByReason { get; private init; } = new(StringComparer.Ordinal);

    /// <summary>Readings by kind.</summary>
    public Dictionary<MeasurementKind, long> ByKind { get; private init; } = [];

    /// <summary>The fraction of readings that were not Verified.</summary>
    public double SuspectRate => Readings == 0 ? 0 : (double)(Suspect + Rejected) / Readings;

    /// <summary>Counts one reading.</summary>
    public void Count(Reading reading, Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(verdict);
        Readings++;
        ByKind[reading.Kind] = ByKind.GetValueOrDefault(reading.Kind) + 1;
        if (verdict.Status == VerdictStatus.Verified)
        {
            return;
        }

        if (verdict.Status == VerdictStatus.Suspect)
        {
            Suspect++;
        }
        else
        {
            Rejected++;
        }

        foreach (var reason in verdict.Reasons)
        {
            ByReason[reason] = ByReason.GetValueOrDefault(reason) + 1;
        }
    }

    /// <summary>Counts a hub's move from one route to another.</summary>
    public void CountRoam(RelayRoute from, RelayRoute to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        AddressChanges += Equals(from.Address, to.Address) ? 0 : 1;
        TransportSwitches += from.Transport == to.Transport ? 0 : 1;
    }

    /// <summary>Counts one care-team notice.</summary>
    public void CountNotice(SensorKind kind) => NoticesByKind[kind] = NoticesByKind.GetValueOrDefault(kind) + 1;

    /// <summary>This result and another, summed.</summary>
    public CleanFleetResult Add(CleanFleetResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var sum = new CleanFleetResult
        {
            PatientDays = PatientDays + other.PatientDays,
            Readings = Readings + other.Readings,
            Suspect = Suspect + other.Suspect,
            Rejected = Rejected + other.Rejected,
            ClockIncidents = ClockIncidents + other.ClockIncidents,
            Delivered = Delivered + other.Delivered,
            CloneIncidents = CloneIncidents + other.CloneIncidents,
            AddressChanges = AddressChanges + other.AddressChanges,
            TransportSwitches = TransportSwitches + other.TransportSwitches,
            ByReason = new Dictionary<string, long>(ByReason, StringComparer.Ordinal),
            ByKind = new Dictionary<MeasurementKind, long>(ByKind),
            NoticesByKind = new Dictionary<SensorKind, long>(NoticesByKind),
        };
        foreach (var (kind, n) in other.NoticesByKind)
        {
            sum.NoticesByKind[kind] = sum.NoticesByKind.GetValueOrDefault(kind) + n;
        }

        foreach (var (reason, n) in other.ByReason)
        {
            sum.ByReason[reason] = sum.ByReason.GetValueOrDefault(reason) + n;
        }

        foreach (var (kind, n) in other.ByKind)
        {
            sum.ByKind[kind] = sum.ByKind.GetValueOrDefault(kind) + n;
        }

        return sum;
    }
}

using Vigil.Domain.Readings;

namespace Vigil.Domain.Verification;

/// <summary>
/// How far each of a device's sensors (device, kind) has already been covered in time, per
/// session, so that a clock set back across a restart is seen in the readings themselves (T19).
/// <para>
/// The device SDK keeps a batch's <c>created</c> monotonic across sessions (docs/protocol.md
/// §6.6), so a device restarted with its clock set back sends batches whose times look right
/// while the readings inside are dated at the regressed clock. One counter orders a genuine
/// device's sessions: a session whose sequence numbers are all below a batch's number is earlier
/// than the batch. A reading dated more than <see cref="VerificationRules.ClockRegression"/>
/// before the latest reading of the same kind that an earlier session already holds lies in (or
/// before) time the device has already reported: its clock ran back.
/// </para>
/// <para>
/// Only signed fields decide (session id, sequence number, reading times), never the order of
/// arrival: a late batch of an earlier session, delivered newest first after an outage, is
/// compared only with sessions numbered below it, so it never looks like a clock going back.
/// Within one session readings may come out of order (a sensor's own backfill), so a session is
/// never compared with itself. Readings that were themselves doubted for their clock are not
/// coverage, so a clock that was ahead and is then corrected does not taint what follows.
/// </para>
/// </summary>
public sealed class SensorCoverage
{
    private readonly Dictionary<UInt128, Covered> _sessions = [];

    /// <summary>The sessions known.</summary>
    public int Count => _sessions.Count;

    /// <summary>
    /// The latest time of a kind that sessions earlier than the batch (every number below
    /// <paramref name="sequence"/>, another session id) already cover, or null.
    /// </summary>
    public DateTimeOffset? CoveredUntil(UInt128 session, ulong sequence, MeasurementKind kind)
    {
        DateTimeOffset? latest = null;
        foreach (var (id, covered) in _sessions)
        {
            if (id != session && covered.Highest < sequence && covered.Latest.TryGetValue(kind, out var time) && (latest is null || time > latest))
            {
                latest = time;
            }
        }

        return latest;
    }

    /// <summary>
    /// For each reading of a batch, how far (negative) it is dated before what earlier sessions
    /// already cover of its kind beyond the tolerance, or null when it is not.
    /// </summary>
    public TimeSpan?[] Regressions(UInt128 session, ulong sequence, IReadOnlyList<Reading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var result = new TimeSpan?[readings.Count];
        for (var i = 0; i < readings.Count; i++)
        {
            if (CoveredUntil(session, sequence, readings[i].Kind) is { } until && readings[i].Time < until - VerificationRules.ClockRegression)
            {
                result[i] = readings[i].Time - until;
            }
        }

        return result;
    }

    /// <summary>Records a reading of a session as covered (one whose clock was not doubted).</summary>
    public void Add(UInt128 session, ulong sequence, MeasurementKind kind, DateTimeOffset time)
    {
        if (!_sessions.TryGetValue(session, out var covered))
        {
            covered = new Covered();
            _sessions.Add(session, covered);
        }

        covered.Highest = Math.Max(covered.Highest, sequence);
        if (!covered.Latest.TryGetValue(kind, out var known) || time > known)
        {
            covered.Latest[kind] = time;
        }
    }

    private sealed class Covered
    {
        public ulong Highest { get; set; }

        public Dictionary<MeasurementKind, DateTimeOffset> Latest { get; } = [];
    }
}

using Vigil.Domain.Readings;

namespace Vigil.Domain.Verification;

/// <summary>
/// What one device's sensor of one kind has shown recently, for the checks that need history:
/// the last trusted value (the anchor that rate-of-change is measured from), a level reached by an
/// impossible step and how long it stays tainted, the current run of identical values, and hashes
/// of recent runs for stale-repeat detection. Readings older than the newest seen (backfill) get
/// the anchor check, which is symmetric in time, but do not move the track.
/// </summary>
internal sealed class SensorTrack(SensorLimits limits)
{
    private const int RememberedRuns = 4096;

    private readonly Queue<int> _runOrder = new();
    private readonly HashSet<int> _runs = [];
    private readonly Queue<int> _recent = new();
    private DateTimeOffset? _anchorTime;
    private double _anchorValue;
    private DateTimeOffset? _taintUntil;
    private DateTimeOffset? _lastTime;
    private int _lastSignature;
    private int _runLength;
    private DateTimeOffset _runStart;

    /// <summary>The limits this track applies.</summary>
    public SensorLimits Limits => limits;

    /// <summary>Adds the history-based reasons for <paramref name="reading"/> to <paramref name="reasons"/> and moves the track.</summary>
    public void Check(Reading reading, ICollection<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(reasons);
        var value = VerificationRules.Primary(reading);
        var unusable = reasons.Any(ReasonCodes.Rejects) || reading.Flags.HasFlag(ReadingFlags.SensorError);
        var stepped = !unusable && CheckStep(reading.Time, value, reasons);
        if (_lastTime is { } last && reading.Time <= last)
        {
            return;
        }

        _lastTime = reading.Time;
        if (unusable)
        {
            return;
        }

        if (!stepped)
        {
            _anchorTime = reading.Time;
            _anchorValue = value;
        }

        CheckRun(reading, reasons);
    }

    private bool CheckStep(DateTimeOffset time, double value, ICollection<string> reasons)
    {
        if (limits.MaxRatePerMinute <= 0 || _anchorTime is not { } anchorTime)
        {
            return false;
        }

        if (_taintUntil is { } until)
        {
            if (time > until)
            {
                // The new level has lasted the whole taint span: accept it as the trajectory.
                _taintUntil = null;
                return false;
            }

            if (!limits.IsImpossibleStep(_anchorValue, value, TimeSpan.Zero))
            {
                // Back at the trusted level: the step was a blip.
                _taintUntil = null;
                return false;
            }

            reasons.Add(ReasonCodes.RateOfChange);
            return true;
        }

        if (!limits.IsImpossibleStep(_anchorValue, value, time - anchorTime))
        {
            return false;
        }

        _taintUntil = time + limits.Taint;
        reasons.Add(ReasonCodes.RateOfChange);
        return true;
    }

    private void CheckRun(Reading reading, ICollection<string> reasons)
    {
        var signature = Signature(reading);
        if (_runLength > 0 && signature == _lastSignature)
        {
            _runLength++;
        }
        else
        {
            _runLength = 1;
            _runStart = reading.Time;
            _lastSignature = signature;
        }

        if (limits.FlatlineRun > 0 && _runLength >= limits.FlatlineRun && reading.Time - _runStart >= limits.FlatlineSpan)
        {
            reasons.Add(ReasonCodes.Flatline);
        }

        if (limits.StaleRun <= 0)
        {
            return;
        }

        _recent.Enqueue(signature);
        if (_recent.Count > limits.StaleRun)
        {
            _recent.Dequeue();
        }

        if (_recent.Count < limits.StaleRun || _runLength >= limits.StaleRun)
        {
            // A constant run is a flatline's business, not a repeat of history.
            return;
        }

        if (_recent.Distinct().Count() < MinDistinct(limits.StaleRun))
        {
            // A quiet signal (a resting heart rate of 61-63) repeats itself by chance; only a run
            // with enough different values is evidence that history is being replayed.
            return;
        }

        var hash = default(HashCode);
        foreach (var s in _recent)
        {
            hash.Add(s);
        }

        var run = hash.ToHashCode();
        if (!_runs.Add(run))
        {
            reasons.Add(ReasonCodes.StaleRepeat);
            return;
        }

        _runOrder.Enqueue(run);
        if (_runOrder.Count > RememberedRuns)
        {
            _runs.Remove(_runOrder.Dequeue());
        }
    }

    /// <summary>The least number of different values a run must hold to count as a repeat of history.</summary>
    public static int MinDistinct(int staleRun) => Math.Max(3, staleRun / 3);

    private static int Signature(Reading reading)
    {
        var hash = default(HashCode);
        foreach (var v in reading.Values)
        {
            hash.Add(v);
        }

        return hash.ToHashCode();
    }
}

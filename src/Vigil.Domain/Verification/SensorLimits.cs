using Vigil.Domain.Readings;

namespace Vigil.Domain.Verification;

/// <summary>
/// The plausibility limits of one measurement kind, on its first value (the only one for most
/// kinds; systolic for blood pressure). docs/verification.md gives each number with its source.
/// </summary>
/// <param name="Kind">The kind.</param>
/// <param name="Unit">The unit the limits are in; values in another allowed unit are converted first.</param>
/// <param name="ImpossibleBelow">Values below this cannot be measurements of a living patient: Rejected.</param>
/// <param name="ImpossibleAbove">Values above this cannot be: Rejected.</param>
/// <param name="PlausibleMin">Values below this are Suspect (out of range).</param>
/// <param name="PlausibleMax">Values above this are Suspect.</param>
/// <param name="MaxRatePerMinute">The fastest sustained change physiology allows, per minute; 0 turns the check off.</param>
/// <param name="NoiseAbsolute">The sensor's error allowance, absolute part.</param>
/// <param name="NoiseRelative">The sensor's error allowance, as a fraction of the value.</param>
/// <param name="FlatlineRun">Identical consecutive values that make a flatline; 0 turns the check off.</param>
/// <param name="FlatlineSpan">The least time those identical values must span.</param>
/// <param name="StaleRun">Length of a run of values that must not repeat an earlier run exactly; 0 turns the check off.</param>
/// <param name="Taint">How long a level reached by an impossible step stays Suspect unless it returns to the trusted trajectory.</param>
/// <param name="SampleInterval">For kinds sampled at a fixed rate inside a batch: the interval, for dropout and noise checks.</param>
/// <param name="MaxMeanStep">For those kinds: the largest mean absolute sample-to-sample step before the batch is noise.</param>
public sealed record SensorLimits(
    MeasurementKind Kind,
    string Unit,
    double ImpossibleBelow,
    double ImpossibleAbove,
    double PlausibleMin,
    double PlausibleMax,
    double MaxRatePerMinute = 0,
    double NoiseAbsolute = 0,
    double NoiseRelative = 0,
    int FlatlineRun = 0,
    TimeSpan FlatlineSpan = default,
    int StaleRun = 0,
    TimeSpan Taint = default,
    TimeSpan SampleInterval = default,
    double MaxMeanStep = 0)
{
    /// <summary>The error allowance of one reading of <paramref name="value"/>.</summary>
    public double Allowance(double value) => NoiseAbsolute + (NoiseRelative * Math.Abs(value));

    /// <summary>
    /// Whether a change from <paramref name="from"/> to <paramref name="to"/> over
    /// <paramref name="elapsed"/> is beyond physiology: more than the maximal rate over the time plus
    /// both readings' error allowances.
    /// </summary>
    public bool IsImpossibleStep(double from, double to, TimeSpan elapsed) =>
        MaxRatePerMinute > 0
        && Math.Abs(to - from) > (MaxRatePerMinute * Math.Abs(elapsed.TotalMinutes)) + Allowance(from) + Allowance(to);
}

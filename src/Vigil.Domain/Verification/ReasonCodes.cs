namespace Vigil.Domain.Verification;

/// <summary>
/// The stable reason codes of verdicts. They are stored with readings, shown to clinicians and
/// documented in docs/verification.md; never rename one.
/// </summary>
public static class ReasonCodes
{
    /// <summary>Outside what the body can produce or the sensor can report.</summary>
    public const string Impossible = "impossible-value";

    /// <summary>Possible but outside the plausible range for a monitored patient.</summary>
    public const string OutOfRange = "out-of-range";

    /// <summary>Changed faster than physiology allows since the last trusted reading.</summary>
    public const string RateOfChange = "rate-of-change";

    /// <summary>The same value for longer than a working sensor on a living patient shows it.</summary>
    public const string Flatline = "flatline";

    /// <summary>A run of values that repeats an earlier run exactly.</summary>
    public const string StaleRepeat = "stale-repeat";

    /// <summary>Too many expected samples missing from the batch.</summary>
    public const string Dropout = "dropout";

    /// <summary>Sample-to-sample variation beyond the sensor's noise.</summary>
    public const string Noise = "noise";

    /// <summary>The sensor itself reported an error.</summary>
    public const string SensorError = "sensor-error";

    /// <summary>The sensor reported motion or contact artefacts.</summary>
    public const string Artifact = "artifact";

    /// <summary>The sensor was warming up.</summary>
    public const string WarmUp = "warm-up";

    /// <summary>The device's error against reference measurements (fingersticks) is too large.</summary>
    public const string Drift = "drift";

    /// <summary>The lot the device belongs to shows too large an error against references.</summary>
    public const string LotDrift = "lot-drift";

    /// <summary>Disagrees with another sensor on the same patient (pulse oximeter against ECG).</summary>
    public const string CrossSensor = "cross-sensor";

    /// <summary>A positive diagnosis with no supporting sign (temperature, SpO2, respiratory rate): confirm it.</summary>
    public const string Unsupported = "unsupported-diagnosis";

    /// <summary>The device's identity is in use in two places.</summary>
    public const string Clone = "clone";

    /// <summary>The device's clock is off by more than the bound.</summary>
    public const string ClockSkew = "clock-skew";

    /// <summary>The device's clock is so far off that its times cannot be placed.</summary>
    public const string ClockInvalid = "clock-invalid";

    /// <summary>The device runs firmware that is not known good for its model.</summary>
    public const string UnknownFirmware = "unknown-firmware";

    /// <summary>The device is quarantined.</summary>
    public const string Quarantined = "quarantined";

    /// <summary>The device falls under a recall.</summary>
    public const string Recall = "recall";

    /// <summary>Verification was switched off (only to measure its cost); the reading was never checked.</summary>
    public const string NotVerified = "not-verified";

    private static readonly HashSet<string> Rejecting = [Impossible, SensorError, ClockInvalid];

    private static readonly HashSet<string> All =
    [
        Impossible, OutOfRange, RateOfChange, Flatline, StaleRepeat, Dropout, Noise, SensorError, Artifact, WarmUp,
        Drift, LotDrift, CrossSensor, Unsupported, Clone, ClockSkew, ClockInvalid, UnknownFirmware, Quarantined, Recall, NotVerified,
    ];

    /// <summary>Every code.</summary>
    public static IReadOnlyCollection<string> Known => All;

    /// <summary>Whether a reason makes the reading Rejected rather than Suspect.</summary>
    public static bool Rejects(string code) => Rejecting.Contains(code);

    /// <summary>Whether the code is one of Vigil's.</summary>
    public static bool IsKnown(string code) => All.Contains(code);
}

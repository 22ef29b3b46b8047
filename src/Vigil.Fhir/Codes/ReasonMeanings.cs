using Vigil.Domain.Verification;

namespace Vigil.Fhir.Codes;

/// <summary>
/// What each verdict reason code means, in the words a clinician reads in the DetectedIssue and
/// in the display of the reason's coding. The codes are <see cref="ReasonCodes"/>
/// (docs/verification.md); a test checks that every one of them has a meaning here.
/// </summary>
public static class ReasonMeanings
{
    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        [ReasonCodes.Impossible] = "Outside what the body can produce or the sensor can report",
        [ReasonCodes.OutOfRange] = "Possible but outside the plausible range for a monitored patient",
        [ReasonCodes.RateOfChange] = "Changed faster than physiology allows since the last trusted reading",
        [ReasonCodes.Flatline] = "The same value for longer than a working sensor on a living patient shows it",
        [ReasonCodes.StaleRepeat] = "A run of values that repeats an earlier run exactly",
        [ReasonCodes.Dropout] = "Too many expected samples missing from the batch",
        [ReasonCodes.Noise] = "Sample-to-sample variation beyond the sensor's noise",
        [ReasonCodes.SensorError] = "The sensor itself reported an error",
        [ReasonCodes.Artifact] = "The sensor reported motion or contact artefacts",
        [ReasonCodes.WarmUp] = "The sensor was warming up",
        [ReasonCodes.Drift] = "The device's error against reference measurements is too large",
        [ReasonCodes.LotDrift] = "The device's production lot shows too large an error against references",
        [ReasonCodes.CrossSensor] = "Disagrees with another sensor on the same patient",
        [ReasonCodes.Unsupported] = "A positive diagnosis with no supporting sign: confirm it",
        [ReasonCodes.Clone] = "The device's identity is in use in two places",
        [ReasonCodes.ClockSkew] = "The device's clock is off by more than the bound",
        [ReasonCodes.ClockInvalid] = "The device's clock is so far off that its times cannot be placed",
        [ReasonCodes.UnknownFirmware] = "The device runs firmware that is not known good for its model",
        [ReasonCodes.Quarantined] = "The device is quarantined",
        [ReasonCodes.Recall] = "The device falls under a recall",
        [ReasonCodes.NotVerified] = "Verification was switched off; the reading was never checked",
    };

    /// <summary>The meaning of a reason code; for a code this version does not know, a sentence saying so.</summary>
    public static string Of(string code) =>
        Meanings.TryGetValue(code, out var meaning) ? meaning : $"Reason '{code}', unknown to this version of the mapping";

    /// <summary>Whether the code has a meaning here.</summary>
    public static bool Has(string code) => Meanings.ContainsKey(code);
}

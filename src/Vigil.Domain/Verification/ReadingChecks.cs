using Vigil.Domain.Readings;

namespace Vigil.Domain.Verification;

/// <summary>
/// The checks that need nothing but the reading (sensor flags, ranges, shape of the values) or
/// nothing but its batch (dropout and noise of fixed-rate samples).
/// </summary>
internal static class ReadingChecks
{
    /// <summary>Adds the reasons a reading earns on its own.</summary>
    public static void Alone(Reading reading, ICollection<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(reasons);
        if (reading.Flags.HasFlag(ReadingFlags.SensorError))
        {
            reasons.Add(ReasonCodes.SensorError);
        }

        if (reading.Flags.HasFlag(ReadingFlags.Artifact))
        {
            reasons.Add(ReasonCodes.Artifact);
        }

        if (reading.Flags.HasFlag(ReadingFlags.WarmUp))
        {
            reasons.Add(ReasonCodes.WarmUp);
        }

        if (MeasurementCatalog.Check(reading) is not null)
        {
            reasons.Add(ReasonCodes.Impossible);
            return;
        }

        switch (reading.Kind)
        {
            case MeasurementKind.EcgWaveform:
                CheckLead(reading.Waveform!, reasons);
                return;
            case MeasurementKind.BreathDiagnosis:
                if (reading.Values[0] is not (0 or 1) || reading.Values[1] is < 0 or > 1)
                {
                    reasons.Add(ReasonCodes.Impossible);
                }

                return;
            case MeasurementKind.BloodPressure:
                Range(VerificationRules.For(reading.Kind), reading.Values[0], reasons, reading.Flags);
                Range(VerificationRules.Diastolic, reading.Values[1], reasons, reading.Flags);
                if (reading.Values[0] <= reading.Values[1] || reading.Values[2] > reading.Values[0] || reading.Values[2] < reading.Values[1])
                {
                    reasons.Add(ReasonCodes.Impossible);
                }

                return;
            default:
                Range(VerificationRules.For(reading.Kind), VerificationRules.Primary(reading), reasons, reading.Flags);
                return;
        }
    }

    /// <summary>
    /// Adds, to every reading of a fixed-rate kind in one batch, a dropout reason when too many
    /// expected samples are missing and a noise reason when samples jump more than the sensor's noise.
    /// </summary>
    public static void Sampled(IReadOnlyList<Reading> readings, IReadOnlyList<ICollection<string>> reasons)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(reasons);
        foreach (var group in Enumerable.Range(0, readings.Count).GroupBy(i => readings[i].Kind))
        {
            var limits = VerificationRules.For(group.Key);
            if (limits.SampleInterval <= TimeSpan.Zero)
            {
                continue;
            }

            var ordered = group.OrderBy(i => readings[i].Time).ToArray();
            if (ordered.Length < 2)
            {
                continue;
            }

            var span = readings[ordered[^1]].Time - readings[ordered[0]].Time;
            var expected = (span / limits.SampleInterval) + 1;
            var dropout = ordered.Length < (1 - VerificationRules.MaxMissingFraction) * expected;
            var steps = 0.0;
            for (var k = 1; k < ordered.Length; k++)
            {
                steps += Math.Abs(VerificationRules.Primary(readings[ordered[k]]) - VerificationRules.Primary(readings[ordered[k - 1]]));
            }

            var noisy = steps / (ordered.Length - 1) > limits.MaxMeanStep;
            foreach (var i in ordered)
            {
                if (dropout)
                {
                    reasons[i].Add(ReasonCodes.Dropout);
                }

                if (noisy)
                {
                    reasons[i].Add(ReasonCodes.Noise);
                }
            }
        }
    }

    private static void Range(SensorLimits limits, double value, ICollection<string> reasons, ReadingFlags flags)
    {
        if (value < limits.ImpossibleBelow || value > limits.ImpossibleAbove)
        {
            reasons.Add(ReasonCodes.Impossible);
        }
        else if ((value < limits.PlausibleMin && !flags.HasFlag(ReadingFlags.BelowRange))
            || (value > limits.PlausibleMax && !flags.HasFlag(ReadingFlags.AboveRange)))
        {
            reasons.Add(ReasonCodes.OutOfRange);
        }
    }

    private static void CheckLead(Waveform waveform, ICollection<string> reasons)
    {
        var samples = waveform.Samples.Span;
        if (samples.IsEmpty)
        {
            reasons.Add(ReasonCodes.Dropout);
            return;
        }

        int min = short.MaxValue, max = short.MinValue;
        foreach (var s in samples)
        {
            min = Math.Min(min, s);
            max = Math.Max(max, s);
        }

        if ((max - min) * waveform.Scale < VerificationRules.EcgMinPeakToPeak)
        {
            reasons.Add(ReasonCodes.Flatline);
        }
    }
}

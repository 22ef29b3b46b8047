using Vigil.Domain.Readings;

namespace Vigil.Domain.Verification;

/// <summary>
/// Places a batch's times against the platform clock (T19): a device clock ahead of the platform
/// beyond <see cref="VerificationRules.SkewTolerance"/> makes its readings Suspect and beyond
/// <see cref="VerificationRules.SkewLimit"/> Rejected; a batch dated before the batch that preceded
/// it by sequence means the clock jumped back; readings dated after their batch cannot be.
/// </summary>
internal static class ClockCheck
{
    /// <summary>The reasons of a whole batch, and how far ahead of the platform its clock ran.</summary>
    public static (IReadOnlyList<string> Reasons, TimeSpan Skew) Batch(
        BatchContent batch, DateTimeOffset receivedAt, ulong? previousSequence, DateTimeOffset? previousCreated)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var skew = batch.Created - receivedAt;
        List<string> reasons = [];
        if (skew > VerificationRules.SkewLimit)
        {
            reasons.Add(ReasonCodes.ClockInvalid);
        }
        else if (skew > VerificationRules.SkewTolerance || -skew > VerificationRules.MaxBatchAge)
        {
            reasons.Add(ReasonCodes.ClockSkew);
        }
        else if (previousSequence is { } sequence && previousCreated is { } created
            && batch.Sequence > sequence && batch.Created < created - VerificationRules.ClockRegression)
        {
            reasons.Add(ReasonCodes.ClockSkew);
            skew = batch.Created - created;
        }

        return (reasons, skew);
    }

    /// <summary>Adds the reasons of one reading's time against its batch.</summary>
    public static void Reading(Reading reading, DateTimeOffset batchCreated, ICollection<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(reasons);
        if (reading.Time > batchCreated + VerificationRules.ReadingLead)
        {
            reasons.Add(ReasonCodes.ClockInvalid);
        }
        else if (reading.Time < batchCreated - VerificationRules.MaxReadingAge)
        {
            reasons.Add(ReasonCodes.ClockSkew);
        }
    }
}

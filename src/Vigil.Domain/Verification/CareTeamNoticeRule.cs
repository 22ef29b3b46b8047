namespace Vigil.Domain.Verification;

/// <summary>
/// When a device's own data tells the care team to use another measurement (T06): values that
/// repeat themselves (a flatline, stale repeats) in <see cref="MinBatches"/> batches in a row,
/// each with at least <see cref="MinShare"/> of its readings affected, so that a lone coincidence
/// in a quiet signal does not bother clinicians; at most once per device per
/// <see cref="Cooldown"/>. One instance follows one device. The platform applies it to every
/// batch; the clean-fleet audit applies it to count how often a clean fleet would raise a notice.
/// </summary>
public sealed class CareTeamNoticeRule
{
    /// <summary>The least time between two notices for one device.</summary>
    public static readonly TimeSpan Cooldown = TimeSpan.FromMinutes(10);

    /// <summary>The share of a batch's readings that must repeat themselves for the batch to count.</summary>
    public const double MinShare = 0.5;

    /// <summary>How many such batches in a row make a notice.</summary>
    public const int MinBatches = 3;

    private static readonly string[] Concealing = [ReasonCodes.Flatline, ReasonCodes.StaleRepeat];

    private int _run;
    private DateTimeOffset _noticed = DateTimeOffset.MinValue;

    /// <summary>Follows one batch; the reason to tell the care team about now, or null.</summary>
    public string? Observe(IReadOnlyList<Verdict> verdicts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var reason = Concealing.FirstOrDefault(r =>
        {
            var count = verdicts.Count(v => v.Reasons.Contains(r));
            return count > 0 && count >= MinShare * verdicts.Count;
        });
        _run = reason is null ? 0 : _run + 1;
        if (reason is null || _run < MinBatches || now - _noticed < Cooldown)
        {
            return null;
        }

        _noticed = now;
        return reason;
    }
}

namespace Vigil.Domain.Verification;

/// <summary>
/// The verdict on one reading: its status and the reason codes (<see cref="ReasonCodes"/>) behind
/// it. A verdict with any Rejected reason is Rejected, else with any reason Suspect, else Verified.
/// </summary>
public sealed record Verdict
{
    private Verdict(VerdictStatus status, IReadOnlyList<string> reasons)
    {
        Status = status;
        Reasons = reasons;
    }

    /// <summary>A reading with nothing against it.</summary>
    public static Verdict Verified { get; } = new(VerdictStatus.Verified, []);

    /// <summary>The status.</summary>
    public VerdictStatus Status { get; }

    /// <summary>The reason codes, sorted and without repeats; empty when Verified.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>A verdict from reason codes; each code's severity comes from <see cref="ReasonCodes.Rejects"/>.</summary>
    public static Verdict Of(IEnumerable<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        var sorted = reasons.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (sorted.Length == 0)
        {
            return Verified;
        }

        return new Verdict(sorted.Any(ReasonCodes.Rejects) ? VerdictStatus.Rejected : VerdictStatus.Suspect, sorted);
    }

    /// <summary>Parses the stored form written by <see cref="ToString"/>.</summary>
    public static Verdict Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Of(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>This verdict with more reasons.</summary>
    public Verdict With(IEnumerable<string> reasons) => Of(Reasons.Concat(reasons));

    /// <summary>The reason codes joined by commas (empty when Verified).</summary>
    public override string ToString() => string.Join(',', Reasons);

    /// <inheritdoc />
    public bool Equals(Verdict? other) => other is not null && Status == other.Status && Reasons.SequenceEqual(other.Reasons);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Status, Reasons.Count);
}

namespace Vigil.Domain.Verification;

/// <summary>
/// What one device identity did in one protocol session, from the device's signed fields only:
/// the session's signed id and start, the lowest and highest sequence numbers seen in it, and the
/// earliest and latest creation times of its batches.
/// </summary>
/// <param name="Id">The signed session id.</param>
/// <param name="Start">The signed session start.</param>
/// <param name="Lowest">The lowest sequence number stored in the session.</param>
/// <param name="Highest">The highest sequence number stored in the session.</param>
/// <param name="Earliest">The earliest signed creation time of its batches.</param>
/// <param name="Latest">The latest signed creation time of its batches.</param>
public readonly record struct SessionSpan(UInt128 Id, DateTimeOffset Start, ulong Lowest, ulong Highest, DateTimeOffset Earliest, DateTimeOffset Latest)
{
    /// <summary>The span of a session's first batch.</summary>
    public static SessionSpan Of(UInt128 id, DateTimeOffset start, ulong sequence, DateTimeOffset created) =>
        new(id, start, sequence, sequence, created, created);

    /// <summary>This span with one more batch.</summary>
    public SessionSpan With(ulong sequence, DateTimeOffset created) => this with
    {
        Lowest = Math.Min(Lowest, sequence),
        Highest = Math.Max(Highest, sequence),
        Earliest = created < Earliest ? created : Earliest,
        Latest = created > Latest ? created : Latest,
    };

    /// <summary>The session's id as it is shown: 32 lower-case hex digits.</summary>
    public string IdText => Id.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
}

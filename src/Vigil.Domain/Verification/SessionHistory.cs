using System.Globalization;

namespace Vigil.Domain.Verification;

/// <summary>
/// The sessions one device identity has used, and the clone evidence in them (T05). A genuine
/// device has one key, one counter that only goes up, one session at a time and a clock that
/// never runs back across sessions (the device SDK keeps it so). So two sessions, each as the
/// device signed it, must occupy disjoint ranges of sequence numbers, and the session with the
/// higher numbers must have begun after the other began and after its every batch was created.
/// Only a second holder of the key, numbering and dating batches with its own counter and clock
/// in its own sessions, produces anything else:
/// <list type="bullet">
/// <item><see cref="Overlap"/>: the sequence ranges of two sessions overlap (two counters interleave);</item>
/// <item><see cref="Order"/>: a session with lower numbers began, or created a batch, more than
/// <see cref="VerificationRules.SessionOrderTolerance"/> after a session with higher numbers began
/// (a second counter ran ahead, or the first went on after the second started).</item>
/// </list>
/// Nothing here depends on addresses, relays, transports or the order of arrival: a relay that
/// roams, a hub that falls back to HTTPS and a backfill from an earlier session, in any order, are
/// all consistent with one device. Late backfill within a session only fills its range.
/// </summary>
public sealed class SessionHistory
{
    /// <summary>Rule name: two sessions' sequence ranges overlap.</summary>
    public const string Overlap = "sessions-overlap";

    /// <summary>Rule name: two sessions run against their order of sequence numbers.</summary>
    public const string Order = "sessions-out-of-order";

    private readonly Dictionary<UInt128, SessionSpan> _spans = [];
    private readonly HashSet<(UInt128, UInt128)> _reported = [];

    /// <summary>Creates the history from the sessions already stored.</summary>
    public SessionHistory(IEnumerable<SessionSpan> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        foreach (var span in stored)
        {
            _spans[span.Id] = _spans.TryGetValue(span.Id, out var known) ? Merge(known, span) : span;
        }
    }

    /// <summary>The sessions known.</summary>
    public int Count => _spans.Count;

    /// <summary>
    /// Whether a new batch (not stored yet) makes its session contradict another one; each pair of
    /// sessions is reported once. Does not record the batch: <see cref="Add"/> does, once stored.
    /// </summary>
    public CloneFinding? Check(UInt128 session, DateTimeOffset start, ulong sequence, DateTimeOffset created)
    {
        var mine = _spans.TryGetValue(session, out var known) ? known.With(sequence, created) : SessionSpan.Of(session, start, sequence, created);
        foreach (var other in _spans.Values)
        {
            if (other.Id == session || _reported.Contains(Pair(session, other.Id)))
            {
                continue;
            }

            if (Contradiction(mine, other) is { } finding)
            {
                _reported.Add(Pair(session, other.Id));
                return finding;
            }
        }

        return null;
    }

    /// <summary>Records a stored batch.</summary>
    public void Add(UInt128 session, DateTimeOffset start, ulong sequence, DateTimeOffset created) =>
        _spans[session] = _spans.TryGetValue(session, out var known) ? known.With(sequence, created) : SessionSpan.Of(session, start, sequence, created);

    private static CloneFinding? Contradiction(SessionSpan a, SessionSpan b)
    {
        var since = Min(Min(a.Earliest, b.Earliest), Min(a.Start, b.Start)) - VerificationRules.SessionOrderTolerance;
        if (a.Lowest <= b.Highest && b.Lowest <= a.Highest)
        {
            return new CloneFinding(Overlap, (b.IdText, a.IdText), since, string.Create(
                CultureInfo.InvariantCulture,
                $"sessions {Short(b)} (numbers {b.Lowest}-{b.Highest}) and {Short(a)} (numbers {a.Lowest}-{a.Highest}) overlap: two counters are in use"));
        }

        var (lower, higher) = a.Highest < b.Lowest ? (a, b) : (b, a);
        var tolerance = VerificationRules.SessionOrderTolerance;
        if (lower.Start > higher.Start + tolerance || lower.Latest > higher.Start + tolerance || lower.Latest > higher.Earliest + tolerance)
        {
            var late = lower.Latest > lower.Start ? lower.Latest : lower.Start;
            return new CloneFinding(Order, (lower.IdText, higher.IdText), since, string.Create(
                CultureInfo.InvariantCulture,
                $"session {Short(lower)} (numbers {lower.Lowest}-{lower.Highest}) was in use until {late:u}, after session {Short(higher)} (numbers {higher.Lowest}-{higher.Highest}) began at {higher.Start:u}: two counters, or a clock that ran back across sessions"));
        }

        return null;
    }

    private static SessionSpan Merge(SessionSpan a, SessionSpan b) => a.With(b.Lowest, b.Earliest).With(b.Highest, b.Latest) with
    {
        Start = Min(a.Start, b.Start),
    };

    private static (UInt128, UInt128) Pair(UInt128 a, UInt128 b) => a < b ? (a, b) : (b, a);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Short(SessionSpan span) => span.IdText[..8];
}

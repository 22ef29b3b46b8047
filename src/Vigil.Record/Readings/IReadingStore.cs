using Vigil.Domain.Devices;
using Vigil.Domain.Verification;

namespace Vigil.Record.Readings;

/// <summary>
/// Stored readings and their verdicts. Readings are written with their batch (see
/// <see cref="Batches.IBatchStore"/>); here they are read and re-verified. A revision never
/// overwrites silently: the verdict it replaces moves to the reading's history.
/// </summary>
public interface IReadingStore
{
    /// <summary>Readings matching a query, newest first.</summary>
    IReadOnlyList<StoredReading> Query(ReadingQuery query);

    /// <summary>
    /// Adds <paramref name="reason"/> to the verdict of every reading of <paramref name="device"/>
    /// measured at or after <paramref name="since"/> that lacks it; returns how many changed.
    /// </summary>
    int AddReason(DeviceId device, DateTimeOffset since, string reason, string cause, DateTimeOffset at);

    /// <summary>Gives readings new verdicts; returns how many changed.</summary>
    int Revise(IReadOnlyList<(ReadingKey Key, Verdict Verdict)> revisions, string cause, DateTimeOffset at);

    /// <summary>Every verdict a reading has had, oldest first, the current one last.</summary>
    IReadOnlyList<VerdictEntry> History(ReadingKey key);

    /// <summary>How many stored readings have each status (measured at or after <paramref name="since"/>, if given).</summary>
    IReadOnlyDictionary<VerdictStatus, long> CountByStatus(DateTimeOffset? since = null);
}

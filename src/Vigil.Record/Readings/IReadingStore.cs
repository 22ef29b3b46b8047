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
    Task<IReadOnlyList<StoredReading>> QueryAsync(ReadingQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds <paramref name="reason"/> to the verdict of every reading of <paramref name="device"/>
    /// measured at or after <paramref name="since"/> that lacks it; returns how many changed.
    /// </summary>
    Task<int> AddReasonAsync(DeviceId device, DateTimeOffset since, string reason, string cause, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Gives readings new verdicts; returns how many changed.</summary>
    Task<int> ReviseAsync(IReadOnlyList<(ReadingKey Key, Verdict Verdict)> revisions, string cause, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Every verdict a reading has had, oldest first, the current one last.</summary>
    Task<IReadOnlyList<VerdictEntry>> HistoryAsync(ReadingKey key, CancellationToken cancellationToken = default);

    /// <summary>How many stored readings have each status (measured at or after <paramref name="since"/>, if given).</summary>
    Task<IReadOnlyDictionary<VerdictStatus, long>> CountByStatusAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default);
}

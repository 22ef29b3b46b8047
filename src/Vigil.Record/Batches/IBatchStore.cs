using Vigil.Domain.Devices;
using Vigil.Domain.Verification;

namespace Vigil.Record.Batches;

/// <summary>Accepted batches, each once per (device, sequence number).</summary>
public interface IBatchStore
{
    /// <summary>
    /// Commits a batch with its readings and ledger entry in one transaction; completes only once
    /// the commit is durable (fsync), so the caller may acknowledge then. Concurrent commits are
    /// grouped into one transaction.
    /// </summary>
    Task<CommitOutcome> CommitAsync(AcceptedBatch batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// The highest <paramref name="count"/> sequence numbers stored for a device, ascending: what a
    /// device actor rebuilds its replay window from, since the stored batches are the truth.
    /// </summary>
    Task<IReadOnlyList<ulong>> RecentSequencesAsync(DeviceId device, int count, CancellationToken cancellationToken = default);

    /// <summary>
    /// The sessions a device's stored batches were sealed in, as the device signed them: what a
    /// device actor rebuilds its clone evidence from. Batches stored before protocol version 2
    /// carry no signed start; their session's earliest creation time stands for it.
    /// </summary>
    Task<IReadOnlyList<SessionSpan>> SessionsAsync(DeviceId device, CancellationToken cancellationToken = default);

    /// <summary>The sequence number and creation time of a device's highest stored batch, or null.</summary>
    Task<(ulong Sequence, DateTimeOffset Created)?> LatestAsync(DeviceId device, CancellationToken cancellationToken = default);

    /// <summary>A stored batch, or null.</summary>
    Task<StoredBatch?> FindBatchAsync(DeviceId device, ulong sequence, CancellationToken cancellationToken = default);

    /// <summary>How many batches are stored, for one device or all.</summary>
    Task<long> CountBatchesAsync(DeviceId? device = null, CancellationToken cancellationToken = default);

    /// <summary>What each device that sent anything last did.</summary>
    Task<IReadOnlyList<DeviceActivity>> ActivityAsync(CancellationToken cancellationToken = default);

    /// <summary>The sequence numbers stored for a device, ascending.</summary>
    Task<IReadOnlyList<ulong>> ListSequencesAsync(DeviceId device, CancellationToken cancellationToken = default);
}

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
    IReadOnlyList<ulong> RecentSequences(DeviceId device, int count);

    /// <summary>
    /// The sessions a device's stored batches were sealed in, as the device signed them: what a
    /// device actor rebuilds its clone evidence from. Batches stored before protocol version 2
    /// carry no signed start; their session's earliest creation time stands for it.
    /// </summary>
    IReadOnlyList<SessionSpan> Sessions(DeviceId device);

    /// <summary>The sequence number and creation time of a device's highest stored batch, or null.</summary>
    (ulong Sequence, DateTimeOffset Created)? Latest(DeviceId device);

    /// <summary>A stored batch, or null.</summary>
    StoredBatch? FindBatch(DeviceId device, ulong sequence);

    /// <summary>How many batches are stored, for one device or all.</summary>
    long CountBatches(DeviceId? device = null);

    /// <summary>What each device that sent anything last did.</summary>
    IReadOnlyList<DeviceActivity> Activity();

    /// <summary>The sequence numbers stored for a device, ascending.</summary>
    IReadOnlyList<ulong> ListSequences(DeviceId device);
}

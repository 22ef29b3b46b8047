using Vigil.Domain.Devices;

namespace Vigil.Record.Batches;

/// <summary>Accepted batches and the replay windows that admitted them.</summary>
public interface IBatchStore
{
    /// <summary>
    /// Commits a batch and its device's replay window in one transaction; completes only once the
    /// commit is durable (fsync), so the caller may acknowledge then. Concurrent commits are
    /// grouped into one transaction.
    /// </summary>
    Task<CommitOutcome> CommitAsync(AcceptedBatch batch, CancellationToken cancellationToken = default);

    /// <summary>The stored replay window of a device, or null if it has none yet.</summary>
    byte[]? LoadReplayWindow(DeviceId device);

    /// <summary>A stored batch, or null.</summary>
    StoredBatch? FindBatch(DeviceId device, ulong sequence);

    /// <summary>How many batches are stored, for one device or all.</summary>
    long CountBatches(DeviceId? device = null);

    /// <summary>The sequence numbers stored for a device, ascending.</summary>
    IReadOnlyList<ulong> ListSequences(DeviceId device);
}

namespace Vigil.Record.Changes;

/// <summary>
/// The record's change notifications, for a process that keeps something read from the record
/// (the registry snapshot) and must hear when another process or node changes it. Every write to
/// what the gateway and the device actors decide with announces itself once its transaction has
/// committed: on PostgreSQL by <c>NOTIFY</c> in that transaction, heard by each node on a
/// connection of its own that <c>LISTEN</c>s; on SQLite directly to the subscribers of the same
/// record in its process, and on a local socket beside the record file to the process that
/// listens there (docs/record.md). Listening starts with the first subscriber.
/// </summary>
public interface IRecordChanges
{
    /// <summary>Where notifications come from, for logs.</summary>
    string Description { get; }

    /// <summary>
    /// Tells <paramref name="observer"/> of every change from now on, until the subscription is
    /// disposed. After the listener (re)connects, it is told <see cref="RecordChange.Registry"/>:
    /// what was sent while it was away is lost, so anything may have changed.
    /// </summary>
    IDisposable Subscribe(IRecordChangeObserver observer);
}

using System.Collections.Immutable;
using System.Data.Common;

namespace Vigil.Record.Changes;

/// <summary>
/// The record's change notifications as its stores send them and its subscribers hear them. A
/// store commits each transaction that changes what the registry snapshot holds through
/// <see cref="CommitAsync"/>, naming the changes; how they travel is the database's.
/// </summary>
internal abstract class RecordChangeFeed : IRecordChanges, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private ImmutableArray<IRecordChangeObserver> _observers = [];
    private bool _listening;
    private int _disposed;

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public IDisposable Subscribe(IRecordChangeObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        bool start;
        lock (_gate)
        {
            _observers = _observers.Add(observer);
            start = !_listening;
            _listening = true;
        }

        if (start)
        {
            StartListening();
        }

        return new Subscription(this, observer);
    }

    /// <summary>
    /// Commits a transaction that made <paramref name="changes"/> and announces them: in the
    /// transaction, so that they are heard exactly when it commits, or once it has. A change that
    /// cannot be announced never fails the write, which has committed.
    /// </summary>
    public abstract Task CommitAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<RecordChange> changes, CancellationToken cancellationToken);

    /// <summary>Stops listening and releases what the feed holds; a second call does nothing (the record and a host may both dispose it).</summary>
    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _disposed, 1) == 0 ? DisposeCoreAsync() : ValueTask.CompletedTask;

    /// <summary>Stops listening and releases what the feed holds; called once.</summary>
    protected abstract ValueTask DisposeCoreAsync();

    /// <summary>Starts hearing other processes' changes; called once, with the first subscriber.</summary>
    protected abstract void StartListening();

    /// <summary>Tells every subscriber of a change.</summary>
    protected void Deliver(RecordChange change)
    {
        foreach (var observer in _observers)
        {
            observer.Changed(change);
        }
    }

    /// <summary>Tells every subscriber of a received payload: its change, or its refusal.</summary>
    protected void Receive(ReadOnlySpan<byte> payload) => Receive(RecordChange.Parse(payload));

    /// <summary>Tells every subscriber of a parsed notification: its change, or its refusal.</summary>
    protected void Receive(RecordChangeParse parsed)
    {
        foreach (var observer in _observers)
        {
            if (parsed.IsSuccess)
            {
                observer.Changed(parsed.Change);
            }
            else
            {
                observer.Refused(parsed);
            }
        }
    }

    /// <summary>Tells every subscriber that notifications are being missed.</summary>
    protected void Interrupt(string detail)
    {
        foreach (var observer in _observers)
        {
            observer.Interrupted(detail);
        }
    }

    private sealed class Subscription(RecordChangeFeed feed, IRecordChangeObserver observer) : IDisposable
    {
        public void Dispose()
        {
            lock (feed._gate)
            {
                feed._observers = feed._observers.Remove(observer);
            }
        }
    }
}

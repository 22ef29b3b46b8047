using System.Data.Common;
using System.Threading.Channels;
using Vigil.Domain.Security;
using Vigil.Record.Access;
using Vigil.Record.Batches;

namespace Vigil.Record.Storage;

/// <summary>
/// The single writer of ingest data. Callers enqueue a write and await it; the writer takes
/// everything queued (up to <see cref="MaxGroup"/>), writes it in one transaction and commits
/// once, so one fsync serves every batch in the group. Each stored batch is appended to the
/// ledger in the same transaction: its entry, and the tree's edge, commit with it or not at all.
/// A caller's task completes only after that commit returned, which is when its batch may be
/// acknowledged. If the commit fails, every write of the group fails, nothing of it is
/// acknowledged, and the writer reconnects before the next group.
/// </summary>
internal sealed class GroupCommitter : IAsyncDisposable
{
    private const int MaxGroup = 1024;

    private readonly Channel<PendingWrite> _queue = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(16_384)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

    // Set after each write is queued and when the queue completes: the writer thread sleeps on it,
    // never on a task, so waking it costs no pool work item.
    private readonly ManualResetEventSlim _queued = new(initialState: false);
    private readonly RecordDatabase _database;
    private readonly bool _ledger;
    private readonly Task _loop;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GroupCommitter(RecordDatabase database, bool ledger)
    {
        _database = database;
        _ledger = ledger;

        // Its own thread, not the thread pool's: every commit blocks in the database's fsync, and a
        // pool thread held there is one fewer for TLS, MQTT and the grains (two on a two-core host).
        var thread = new Thread(Run) { IsBackground = true, Name = "vigil-group-commit" };
        thread.Start();
        _loop = _stopped.Task;
    }

    /// <summary>Commits that ran, for tests and metrics.</summary>
    public long Commits { get; private set; }

    public async Task<CommitOutcome> CommitAsync(BatchRow batch, CancellationToken cancellationToken) =>
        (CommitOutcome)await WriteAsync(new PendingWrite(batch, null, null), cancellationToken);

    public Task AppendAsync(SecurityEvent securityEvent, CancellationToken cancellationToken) =>
        WriteAsync(new PendingWrite(null, securityEvent, null), cancellationToken);

    /// <summary>Logs an access and appends it to the ledger (the ledger is kept even for an unprotected record: it is the audit of who read what).</summary>
    public Task<long> RecordAsync(AccessEntry access, CancellationToken cancellationToken) =>
        WriteAsync(new PendingWrite(null, null, access), cancellationToken);

    private async Task<long> WriteAsync(PendingWrite pending, CancellationToken cancellationToken)
    {
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        _queued.Set();
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _queued.Set();
        await _loop;
        _queued.Dispose();
    }

    private void Run()
    {
        try
        {
            Loop();
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void Loop()
    {
        DbConnection? connection = null;
        WriteStatements? statements = null;
        var group = new List<PendingWrite>(MaxGroup);
        while (WaitForWrites())
        {
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
            }

            var outcomes = new long[group.Count];
            try
            {
                connection ??= _database.OpenWriter();
                statements ??= new WriteStatements(connection, _database);
                using (var transaction = connection.BeginTransaction())
                {
                    statements.Enlist(transaction);
                    var ledger = group.Any(p => p.Access is not null || (_ledger && (p.Batch is not null || p.Event is not null))) ? statements.LoadFrontier() : null;
                    for (var i = 0; i < group.Count; i++)
                    {
                        outcomes[i] = group[i] switch
                        {
                            { Batch: { } batch } => (long)statements.Write(batch, _ledger ? ledger : null),
                            { Access: { } access } => statements.Write(access, ledger!),
                            _ => (long)statements.Write(group[i].Event!, _ledger ? ledger : null),
                        };
                    }

                    if (ledger is not null)
                    {
                        statements.SaveFrontier(ledger);
                    }

                    transaction.Commit();
                }

                Commits++;
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].Completion.TrySetResult(outcomes[i]);
                }

                // After the acknowledgements are released: work here delays only the next group.
                _database.Committed(connection);
            }
            catch (Exception e) when (e is DbException or InvalidDataException or InvalidOperationException or IOException)
            {
                foreach (var pending in group)
                {
                    pending.Completion.TrySetException(e);
                }

                statements?.Dispose();
                statements = null;
                connection?.Dispose();
                connection = null;
            }

            group.Clear();
        }

        statements?.Dispose();
        connection?.Dispose();
    }

    // Blocks this thread (never a pool thread) until a write is queued (true) or the queue is
    // completed and drained (false). The event is reset before the queue is looked at again, so a
    // write queued after that look sets it, and one queued before is seen.
    private bool WaitForWrites()
    {
        while (true)
        {
            if (_queue.Reader.TryPeek(out _))
            {
                return true;
            }

            if (_queue.Reader.Completion.IsCompleted)
            {
                return false;
            }

            _queued.Reset();
            if (_queue.Reader.TryPeek(out _))
            {
                return true;
            }

            if (_queue.Reader.Completion.IsCompleted)
            {
                return false;
            }

            // Bounded, so that the loop looks again even if a signal were ever missed.
            _queued.Wait(TimeSpan.FromSeconds(1));
        }
    }

    // What a write completes with: the commit outcome of a batch, or the number of an access.
    private sealed record PendingWrite(BatchRow? Batch, SecurityEvent? Event, AccessEntry? Access)
    {
        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

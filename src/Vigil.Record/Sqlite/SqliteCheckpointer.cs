using Microsoft.Data.Sqlite;

namespace Vigil.Record.Sqlite;

/// <summary>
/// Moves the write-ahead log into the database file on its own connection and thread, so that the
/// batch writer never does it inside a commit that acknowledgements wait for. SQLite's automatic
/// checkpoint runs in the connection that commits, after its commit and before the call returns:
/// every few thousand batches a group of acknowledgements would wait for the pages to be copied
/// and the database file synced. Here the writer turns that off and signals after its commits;
/// this copies passively (writers go on meanwhile) at most every <see cref="Interval"/>. Under
/// steady writes the log is never copied to its very end, so it would only grow: past
/// <see cref="RestartBytes"/> this asks the writer to restart it (<see cref="TakeRestart"/>),
/// which the writer does itself between two groups, after releasing their acknowledgements: it
/// copies the frames written since and syncs the database file, which a passive checkpoint that
/// never reaches the log's end leaves unsynced. Restarting from this connection instead would hold
/// the writer's next commit on SQLite's busy handler, whose back-off turns milliseconds into tens.
/// Durability does not depend on any of it: a commit is durable once its log frames are synced.
/// </summary>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>The least time between two checkpoints.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>The size of the log beyond which it is restarted.</summary>
    public const long RestartBytes = 16L << 20;

    private readonly Func<SqliteConnection> _open;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _checkpoints;
    private int _restartWanted;
    private long _restartFrames = long.MaxValue;

    public SqliteCheckpointer(Func<SqliteConnection> open)
    {
        _open = open;
        _thread = new Thread(Run) { IsBackground = true, Name = "vigil-wal-checkpoint" };
        _thread.Start();
    }

    /// <summary>Checkpoints that ran, for tests.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Whether the log has grown long enough to restart; answers true once per request.</summary>
    public bool TakeRestart() => Interlocked.Exchange(ref _restartWanted, 0) == 1;

    /// <summary>Asks again for a restart that could not be done.</summary>
    public void RestartLater() => Volatile.Write(ref _restartWanted, 1);

    /// <summary>Says that the log grew; a checkpoint follows within the interval.</summary>
    public void Signal()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
        _signal.Dispose();
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        try
        {
            while (Wait())
            {
                try
                {
                    connection ??= Open();
                    if (Checkpoint(connection, "PASSIVE").Frames >= _restartFrames)
                    {
                        Volatile.Write(ref _restartWanted, 1);
                    }

                    Interlocked.Increment(ref _checkpoints);
                }
                catch (Exception e) when (e is System.Data.Common.DbException or IOException or InvalidOperationException or UnauthorizedAccessException)
                {
                    // Busy or failing now (this thread must not end the process): the log stays whole
                    // and is copied at the next signal.
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private SqliteConnection Open()
    {
        var connection = _open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size;";
        _restartFrames = RestartBytes / Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        return connection;
    }

    // Waits for a signal, then lets the interval pass so that many commits share one checkpoint.
    private bool Wait()
    {
        try
        {
            _signal.Wait(_stop.Token);
            _stop.Token.WaitHandle.WaitOne(Interval);
            return !_stop.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Runs a checkpoint; answers whether it was kept from finishing, and the frames in the log when it began.</summary>
    public static (bool Busy, long Frames) Checkpoint(SqliteConnection connection, string mode)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0) != 0, reader.GetInt64(1)) : (false, 0);
    }
}

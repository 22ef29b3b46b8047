using Microsoft.Data.Sqlite;

namespace Vigil.Record.Sqlite;

/// <summary>
/// Moves the write-ahead log into the database file on its own connection and thread, so that the
/// batch writer never does it inside a commit that acknowledgements wait for. SQLite's automatic
/// checkpoint runs in the connection that commits, after its commit and before the call returns:
/// every few thousand batches a group of acknowledgements would wait for the pages to be copied
/// and the database file synced. Here the writer turns that off and signals after its commits;
/// this copies passively (writers go on meanwhile) at most every <see cref="Interval"/>, and
/// restarts the log when it has grown past <see cref="RestartFrames"/> despite that, which holds
/// writers back only for the few frames not yet copied. Durability does not depend on it: a
/// commit is durable once its log frames are synced.
/// </summary>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>The least time between two checkpoints.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Log frames (pages) beyond which the log is restarted: 16 MiB of 4 KiB pages.</summary>
    public const long RestartFrames = 4_096;

    private readonly Func<SqliteConnection> _open;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _checkpoints;

    public SqliteCheckpointer(Func<SqliteConnection> open)
    {
        _open = open;
        _thread = new Thread(Run) { IsBackground = true, Name = "vigil-wal-checkpoint" };
        _thread.Start();
    }

    /// <summary>Checkpoints that ran, for tests.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

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
                    var frames = Checkpoint(connection, "PASSIVE");
                    if (frames >= RestartFrames)
                    {
                        Checkpoint(connection, "RESTART");
                    }

                    Interlocked.Increment(ref _checkpoints);
                }
                catch (SqliteException)
                {
                    // Busy or failing now: the log stays whole and is copied at the next signal.
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

    // A restart holds writers back while it waits for readers of the old log: it waits briefly and
    // gives up, rather than stall ingest behind a long read such as an audit.
    private SqliteConnection Open()
    {
        var connection = _open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 100;";
        command.ExecuteNonQuery();
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

    // Answers the frames in the log when the checkpoint began.
    private static long Checkpoint(SqliteConnection connection, string mode)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetInt64(1) : 0;
    }
}

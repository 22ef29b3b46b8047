using System.Data.Common;
using Microsoft.Data.Sqlite;
using Vigil.Record.Storage;

namespace Vigil.Record.Sqlite;

/// <summary>The embedded record: one SQLite file in WAL mode with full synchronous commits.</summary>
internal sealed class SqliteDatabase : RecordDatabase
{
    private const int BusyTimeoutMs = 10_000;
    private readonly string _connectionString;
    private SqliteCheckpointer? _checkpointer;
    private long _restarts;

    /// <summary>Points at a database file, which need not exist yet.</summary>
    public SqliteDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        OwnerOnly(path);
    }

    // The record's file and its WAL and shared-memory files are the owner's alone (0600): SQLite
    // creates the other two with the database file's mode, so the file is made before SQLite
    // opens it, and a file left wider by an earlier Vigil is narrowed.
    private static void OwnerOnly(string path)
    {
        const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (OperatingSystem.IsWindows() || System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) is not { } folder || !Directory.Exists(folder))
        {
            return;
        }

        if (!File.Exists(path))
        {
            try
            {
                using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite });
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~OwnerReadWrite) != 0)
            {
                File.SetUnixFileMode(file, OwnerReadWrite);
            }
        }
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override string Description => $"SQLite {System.IO.Path.GetFileName(Path)}";

    /// <inheritdoc />
    public override bool IsPostgres => false;

    /// <inheritdoc />
    public override string OrdinalCollation => string.Empty;

    /// <inheritdoc />
    public override string ForUpdate => string.Empty;

    /// <summary>
    /// An open connection: full synchronous mode (a commit returns only after fsync of the WAL,
    /// which is what makes an acknowledged batch survive power loss), foreign keys on, secure
    /// delete (freed pages are zeroed, so deleted data does not linger in the file), a busy
    /// timeout so writers from other processes (the CLI) wait rather than fail, and a page cache
    /// of up to 64 MiB (allocated as used), so that a large record's indexes stay in memory; and
    /// SQLite's automatic checkpoints, which a pooled connection that served as the batch writer
    /// (<see cref="OpenWriter"/>) would otherwise have left off.
    /// </summary>
    private static readonly string ConnectionPragmas =
        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA busy_timeout = " + BusyTimeoutMs + "; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 1000;";

    /// <inheritdoc />
    public override DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        command.ExecuteNonQuery();
        return connection;
    }

    /// <inheritdoc />
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// A scan of every row of a query: the statement read straight from SQLite's library on a
    /// connection without SQLite's mutex where it can be and the <see cref="FastPaths"/> are on,
    /// else an ADO.NET reader on a connection like any other.
    /// </summary>
    internal override ValueTask<Storage.RowScan> ScanAsync(string sql, CancellationToken cancellationToken) =>
        FastPaths.Enabled && SqliteScan.ReadsDirectly
            ? ValueTask.FromResult<Storage.RowScan>(new SqliteScan(Path, BusyTimeoutMs, sql, withoutMutex: true))
            : base.ScanAsync(sql, cancellationToken);

    /// <summary>
    /// The batch writer's connection, which leaves checkpoints of the write-ahead log to
    /// <see cref="SqliteCheckpointer"/> so that its commits never wait for one.
    /// </summary>
    public override DbConnection OpenWriter()
    {
        var connection = Open();
        Pragma((SqliteConnection)connection, "PRAGMA wal_autocheckpoint = 0;");

        lock (_connectionString)
        {
            _checkpointer ??= new SqliteCheckpointer(() => (SqliteConnection)Open());
        }

        return connection;
    }

    /// <summary>
    /// Wakes the checkpointer and, when it asks for one, restarts the log on the writer's own
    /// connection: without waiting for readers (a reader of the old log, such as a long audit,
    /// only postpones the restart to a later commit).
    /// </summary>
    public override void Committed(DbConnection writer)
    {
        if (_checkpointer is not { } checkpointer)
        {
            return;
        }

        checkpointer.Signal();
        if (checkpointer.TakeRestart())
        {
            var connection = (SqliteConnection)writer;
            Pragma(connection, "PRAGMA busy_timeout = 0;");
            try
            {
                if (SqliteCheckpointer.Checkpoint(connection, "RESTART").Busy)
                {
                    checkpointer.RestartLater();
                }
                else
                {
                    Interlocked.Increment(ref _restarts);
                }
            }
            finally
            {
                Pragma(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs};");
            }
        }
    }

    /// <summary>Restarts of the log by the writer, for tests.</summary>
    internal long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Background checkpoints that ran, for tests.</summary>
    internal long Checkpoints => _checkpointer?.Checkpoints ?? 0;

    private static void Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    internal override Changes.RecordChangeFeed OpenChangeFeed(TimeProvider time) => new SqliteChangeFeed(Path, time);

    /// <inheritdoc />
    public override void Migrate()
    {
        using var connection = (SqliteConnection)Open();
        SqliteSchema.Migrate(connection);
    }

    /// <inheritdoc />
    public override int SchemaVersion()
    {
        using var connection = Open();
        return (int)Sql.ScalarLong(connection, null, "PRAGMA user_version;");
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        _checkpointer?.Dispose();
        _checkpointer = null;
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}

using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Vigil.Record.Storage;

namespace Vigil.Record.Sqlite;

/// <summary>
/// A scan of a SQLite query on a connection of its own, through the prepared statement: one
/// call straight into SQLite's library per column (<see cref="SqliteColumns"/>), blobs read in
/// place, where an ADO.NET reader (<see cref="ReaderScan"/>, the plain path) crosses into SQLite
/// three or four times per column through safe handles and copies every blob. Text that repeats
/// from row to row in a column (a device's id over its batches) is decoded once. The connection
/// may be opened without SQLite's per-connection mutex (each column read would take it), which is
/// sound because only this scan uses it, on one thread at a time.
/// </summary>
internal sealed class SqliteScan : RowScan, IDisposable
{
    private static readonly SqliteColumns? Direct = Initialize();
    private readonly SqliteColumns _columns;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly nint _handle;
    private readonly byte[]?[] _lastText;
    private readonly string?[] _lastString;

    /// <summary>Whether the columns can be read straight from SQLitePCL's library here; where they cannot, there is no such scan.</summary>
    public static bool ReadsDirectly => Direct is not null;

    /// <summary>Opens the scan; <paramref name="withoutMutex"/> opens its connection without SQLite's mutex.</summary>
    /// <exception cref="InvalidOperationException">The columns cannot be read directly here (<see cref="ReadsDirectly"/>).</exception>
    public SqliteScan(string path, int busyTimeoutMs, string sql, bool withoutMutex)
    {
        _columns = Direct ?? throw new InvalidOperationException("SQLite's columns cannot be read directly here.");
        var flags = raw.SQLITE_OPEN_READWRITE | (withoutMutex ? raw.SQLITE_OPEN_NOMUTEX : 0);
        var rc = raw.sqlite3_open_v2(path, out _db, flags, null);
        if (rc != raw.SQLITE_OK)
        {
            var failure = Failure(rc);
            _db.Dispose();
            throw failure;
        }

        raw.sqlite3_busy_timeout(_db, busyTimeoutMs);
        rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            var failure = Failure(rc);
            _statement.Dispose();
            _db.Dispose();
            throw failure;
        }

        _handle = _statement.DangerousGetHandle();
        var columns = raw.sqlite3_column_count(_statement);
        _lastText = new byte[columns][];
        _lastString = new string[columns];
    }

    /// <summary>Moves to the next row; false past the last.</summary>
    public bool Read()
    {
        // The connection's busy timeout makes SQLite itself wait for a lock.
        var rc = raw.sqlite3_step(_statement);
        return rc switch
        {
            raw.SQLITE_ROW => true,
            raw.SQLITE_DONE => false,
            _ => throw Failure(rc),
        };
    }

    // SQLite has no asynchronous read: a step runs on the caller's thread.
    public override ValueTask<bool> ReadAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<bool>(cancellationToken) : new(Read());

    public override long Long(int ordinal) => _columns.Int64(_handle, ordinal);

    public override bool IsNull(int ordinal) => _columns.Type(_handle, ordinal) == raw.SQLITE_NULL;

    public override string Text(int ordinal)
    {
        // A text value read as a blob is its UTF-8 bytes, unconverted.
        var bytes = Blob(ordinal);
        if (_lastString[ordinal] is { } last && bytes.SequenceEqual(_lastText[ordinal]))
        {
            return last;
        }

        _lastText[ordinal] = bytes.ToArray();
        return _lastString[ordinal] = Encoding.UTF8.GetString(bytes);
    }

    public override ReadOnlySpan<byte> Blob(int ordinal) => _columns.Blob(_handle, ordinal);

    /// <inheritdoc />
    public void Dispose()
    {
        _statement.Dispose();
        _db.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static SqliteColumns? Initialize()
    {
        Batteries_V2.Init();
        return SqliteColumns.TryCreate();
    }

    private SqliteException Failure(int rc) =>
        new($"SQLite error {rc}: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc, raw.sqlite3_extended_errcode(_db));
}

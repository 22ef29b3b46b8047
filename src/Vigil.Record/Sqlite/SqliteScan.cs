using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Vigil.Record.Storage;

namespace Vigil.Record.Sqlite;

/// <summary>
/// A scan of a SQLite query on a connection of its own, through the prepared statement: one
/// call into SQLite per column (straight into its library where <see cref="SqliteColumns"/> can),
/// blobs read in place. The connection is opened without SQLite's
/// per-connection mutex (each column read would take it), which is sound because only this scan
/// uses it, on one thread at a time. Text that repeats from row to row in a column (a device's id
/// over its batches) is decoded once.
/// </summary>
internal sealed class SqliteScan : RowScan
{
    private static readonly SqliteColumns? Direct = Initialize();
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly nint _handle;
    private readonly byte[]?[] _lastText;
    private readonly string?[] _lastString;

    /// <summary>Whether the columns are read through <see cref="SqliteColumns"/>.</summary>
    public static bool ReadsDirectly => Direct is not null;

    public SqliteScan(string path, int busyTimeoutMs, string sql)
    {
        var rc = raw.sqlite3_open_v2(path, out _db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX, null);
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

    public override bool Read()
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

    public override long Long(int ordinal) => Direct?.Int64(_handle, ordinal) ?? raw.sqlite3_column_int64(_statement, ordinal);

    public override bool IsNull(int ordinal) => (Direct?.Type(_handle, ordinal) ?? raw.sqlite3_column_type(_statement, ordinal)) == raw.SQLITE_NULL;

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

    public override ReadOnlySpan<byte> Blob(int ordinal) => Direct is { } direct ? direct.Blob(_handle, ordinal) : raw.sqlite3_column_blob(_statement, ordinal);

    protected override void Dispose(bool disposing)
    {
        _statement.Dispose();
        _db.Dispose();
    }

    private static SqliteColumns? Initialize()
    {
        Batteries_V2.Init();
        return SqliteColumns.TryCreate();
    }

    private SqliteException Failure(int rc) =>
        new($"SQLite error {rc}: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc, raw.sqlite3_extended_errcode(_db));
}

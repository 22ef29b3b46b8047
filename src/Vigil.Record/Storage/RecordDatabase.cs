using System.Data.Common;

namespace Vigil.Record.Storage;

/// <summary>
/// Where the record lives: the embedded SQLite file (the default) or a PostgreSQL database (for
/// clusters). Every store is written once against ADO.NET and runs on either; what differs is
/// here: how connections open, how the schema migrates, and how a write transaction takes the
/// lock that orders writers.
/// </summary>
public abstract class RecordDatabase : IDisposable
{
    /// <summary>What the record is, for logs and output (never a password).</summary>
    public abstract string Description { get; }

    /// <summary>Whether this is a PostgreSQL database.</summary>
    public abstract bool IsPostgres { get; }

    /// <summary>
    /// What a <c>SELECT</c> in a write transaction ends with to lock the rows it read until the
    /// commit: <c> FOR UPDATE</c> on PostgreSQL; nothing on SQLite, where a write transaction
    /// already excludes every other writer.
    /// </summary>
    public abstract string ForUpdate { get; }

    /// <summary>
    /// What makes an <c>ORDER BY</c> on text sort by code point, as .NET's ordinal comparison does:
    /// nothing on SQLite (its default), <c> COLLATE "C"</c> on PostgreSQL (whose default follows the locale).
    /// </summary>
    public abstract string OrdinalCollation { get; }

    /// <summary>An open connection with the settings every connection needs.</summary>
    public abstract DbConnection Open();

    /// <summary>An open connection with the settings every connection needs, opened without blocking a thread where the provider can.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>A scan of every row of a query, on a connection of its own (the audit's reads of the whole record).</summary>
    internal virtual async ValueTask<RowScan> ScanAsync(string sql, CancellationToken cancellationToken) =>
        await ReaderScan.StartAsync(Open(), sql, cancellationToken);

    /// <summary>The connection of the record's single batch writer (the group committer).</summary>
    public virtual DbConnection OpenWriter() => Open();

    /// <summary>Told by the batch writer after each of its commits, on its connection, outside any transaction.</summary>
    public virtual void Committed(DbConnection writer)
    {
    }

    /// <summary>The record's change notifications, which its stores announce their commits through (docs/record.md).</summary>
    internal abstract Changes.RecordChangeFeed OpenChangeFeed(TimeProvider time);

    /// <summary>Applies the schema migrations this build knows and the database lacks.</summary>
    /// <exception cref="InvalidDataException">The database is newer than this build, or holds data it cannot convert.</exception>
    public abstract void Migrate();

    /// <summary>The schema version the database is at.</summary>
    public abstract int SchemaVersion();

    /// <summary>
    /// Opens the record named by <paramref name="store"/>: a PostgreSQL connection string
    /// (<c>Host=...;Database=...</c>), or, when null or empty, the SQLite file at <paramref name="sqlitePath"/>.
    /// </summary>
    public static RecordDatabase Connect(string? store, string sqlitePath) =>
        string.IsNullOrWhiteSpace(store)
            ? new Sqlite.SqliteDatabase(sqlitePath)
            : new Postgres.PostgresDatabase(store);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases connection pools.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}

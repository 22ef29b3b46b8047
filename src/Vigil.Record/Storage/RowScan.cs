namespace Vigil.Record.Storage;

/// <summary>
/// A forward-only read of every row of a query, for the audit's scans of the whole record:
/// columns by position, blobs as spans that hold until the next row. The ADO.NET reader serves
/// every database (<see cref="ReaderScan"/>, the plain path); SQLite reads its statement directly
/// where it can (<see cref="Sqlite.SqliteScan"/>, the fast path).
/// </summary>
internal abstract class RowScan : IAsyncDisposable
{
    /// <summary>Moves to the next row (without blocking a thread where the database reads asynchronously); false past the last.</summary>
    public abstract ValueTask<bool> ReadAsync(CancellationToken cancellationToken);

    /// <summary>An integer column.</summary>
    public abstract long Long(int ordinal);

    /// <summary>An integer column that fits 32 bits.</summary>
    public int Int(int ordinal) => checked((int)Long(ordinal));

    /// <summary>Whether a column is null.</summary>
    public abstract bool IsNull(int ordinal);

    /// <summary>A text column.</summary>
    public abstract string Text(int ordinal);

    /// <summary>A text column that may be null.</summary>
    public string? TextOrNull(int ordinal) => IsNull(ordinal) ? null : Text(ordinal);

    /// <summary>A blob column, valid until the next row.</summary>
    public abstract ReadOnlySpan<byte> Blob(int ordinal);

    /// <summary>Ends the query and closes its connection.</summary>
    public abstract ValueTask DisposeAsync();
}

using System.Data.Common;

namespace Vigil.Record.Storage;

/// <summary>
/// A forward-only read of every row of a query, for the audit's scans of the whole record:
/// columns by position, blobs as spans that hold until the next row. The ADO.NET reader serves
/// every database; SQLite reads its statement directly (<see cref="Sqlite.SqliteScan"/>), as an
/// ADO.NET reader crosses into SQLite three or four times per column and copies every blob.
/// </summary>
internal abstract class RowScan : IDisposable
{
    /// <summary>Moves to the next row; false past the last.</summary>
    public abstract bool Read();

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

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Ends the query.</summary>
    protected abstract void Dispose(bool disposing);
}

/// <summary>A scan through an ADO.NET reader, on a connection it owns.</summary>
internal sealed class ReaderScan : RowScan
{
    private readonly DbConnection _connection;
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;

    public ReaderScan(DbConnection connection, string sql)
    {
        _connection = connection;
        try
        {
            _command = Sql.Command(connection, sql);
            _reader = _command.ExecuteReader();
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public override bool Read() => _reader.Read();

    public override long Long(int ordinal) => _reader.GetInt64(ordinal);

    public override bool IsNull(int ordinal) => _reader.IsDBNull(ordinal);

    public override string Text(int ordinal) => _reader.GetString(ordinal);

    public override ReadOnlySpan<byte> Blob(int ordinal) => _reader.Bytes(ordinal);

    protected override void Dispose(bool disposing)
    {
        _reader.Dispose();
        _command.Dispose();
        _connection.Dispose();
    }
}

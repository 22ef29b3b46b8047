using System.Data.Common;

namespace Vigil.Record.Storage;

/// <summary>A scan through an ADO.NET reader's getters, on a connection it owns.</summary>
internal sealed class ReaderScan : RowScan
{
    private readonly DbConnection _connection;
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;

    private ReaderScan(DbConnection connection, DbCommand command, DbDataReader reader) =>
        (_connection, _command, _reader) = (connection, command, reader);

    /// <summary>Runs <paramref name="sql"/> on <paramref name="connection"/>, which the scan owns from now on (and disposes if the query fails).</summary>
    public static async ValueTask<ReaderScan> StartAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        DbCommand? command = null;
        try
        {
            command = Sql.Command(connection, sql);
            var reader = await command.ExecuteReaderAsync(cancellationToken);
            return new ReaderScan(connection, command, reader);
        }
        catch
        {
            command?.Dispose();
            await connection.DisposeAsync();
            throw;
        }
    }

    public override ValueTask<bool> ReadAsync(CancellationToken cancellationToken) => new(_reader.ReadAsync(cancellationToken));

    public override long Long(int ordinal) => _reader.GetInt64(ordinal);

    public override bool IsNull(int ordinal) => _reader.IsDBNull(ordinal);

    public override string Text(int ordinal) => _reader.GetString(ordinal);

    public override ReadOnlySpan<byte> Blob(int ordinal) => _reader.GetFieldValue<byte[]>(ordinal);

    public override async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _command.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

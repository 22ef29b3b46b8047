using System.Data.Common;
using Vigil.Record.Ledger;

namespace Vigil.Record.Storage;

/// <summary>
/// Appends the entries of recorded facts (<see cref="FactKinds"/>) inside the write transaction
/// that changes them: the row is read back as stored, its leaf built from it, appended at the
/// ledger's edge, and the row made to name its entry. Either the change and its entry commit
/// together or neither does. One recorder serves a transaction; <see cref="Save"/> stores the
/// ledger's edge before the commit.
/// </summary>
internal sealed class FactRecorder : IDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly LedgerWriter _writer;
    private readonly MerkleFrontier _ledger;
    private readonly bool _ownsWriter;

    private FactRecorder(DbConnection connection, DbTransaction transaction, LedgerWriter writer, MerkleFrontier ledger, bool ownsWriter)
    {
        _connection = connection;
        _transaction = transaction;
        _writer = writer;
        _ledger = ledger;
        _ownsWriter = ownsWriter;
    }

    /// <summary>A recorder sharing the group committer's writer and edge.</summary>
    public FactRecorder(DbConnection connection, DbTransaction transaction, LedgerWriter writer, MerkleFrontier ledger)
        : this(connection, transaction, writer, ledger, ownsWriter: false)
    {
    }

    /// <summary>A recorder with a ledger writer of its own, for a store's transaction (the record's opening, which runs before anything else).</summary>
    public static FactRecorder Open(DbConnection connection, DbTransaction transaction, RecordDatabase database)
    {
        var writer = new LedgerWriter(connection, database);
        writer.Enlist(transaction);
        return new FactRecorder(connection, transaction, writer, writer.Load(), ownsWriter: true);
    }

    /// <summary>A recorder with a ledger writer of its own, for a store's transaction.</summary>
    public static async Task<FactRecorder> OpenAsync(DbConnection connection, DbTransaction transaction, RecordDatabase database, CancellationToken cancellationToken)
    {
        var writer = new LedgerWriter(connection, database);
        writer.Enlist(transaction);
        return new FactRecorder(connection, transaction, writer, await writer.LoadAsync(cancellationToken), ownsWriter: true);
    }

    /// <summary>Appends the entry of the row named by <paramref name="key"/> as it is stored now; false if there is no such row.</summary>
    public bool Record(FactKind kind, params object?[] key)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var values = Read(kind, key);
        if (values is null)
        {
            return false;
        }

        var subject = FactLeaf.Subject(kind, values);
        _writer.Append(_ledger, kind.Kind, subject, FactLeaf.Build(kind, values));
        using var claim = Claim(kind, key);
        claim.ExecuteNonQuery();
        return true;
    }

    /// <summary>Appends the entry of the row named by <paramref name="key"/> as it is stored now; false if there is no such row.</summary>
    public async Task<bool> RecordAsync(FactKind kind, CancellationToken cancellationToken, params object?[] key)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var values = await ReadAsync(kind, key, cancellationToken);
        if (values is null)
        {
            return false;
        }

        await _writer.AppendAsync(_ledger, kind.Kind, FactLeaf.Subject(kind, values), FactLeaf.Build(kind, values), null, null, cancellationToken);
        await using var claim = Claim(kind, key);
        await claim.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    /// <summary>Appends the entry that says Vigil removed the row named by <paramref name="key"/> (call it before or after the row's delete, in the same transaction).</summary>
    public Task RemovedAsync(FactKind kind, DateTimeOffset at, CancellationToken cancellationToken, params object?[] key)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var subject = FactLeaf.Subject(kind, key);
        return _writer.AppendAsync(_ledger, kind.Kind, subject, FactLeaf.Removed(kind, subject, Sql.Ms(at)), null, null, cancellationToken);
    }

    /// <summary>Stores the ledger's edge with the transaction (a recorder with its own writer; the group committer saves its own).</summary>
    public void Save()
    {
        if (_ownsWriter)
        {
            _writer.Save(_ledger);
        }
    }

    /// <summary>Stores the ledger's edge with the transaction (a recorder with its own writer; the group committer saves its own).</summary>
    public Task SaveAsync(CancellationToken cancellationToken) => _ownsWriter ? _writer.SaveAsync(_ledger, cancellationToken) : Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsWriter)
        {
            _writer.Dispose();
        }
    }

    private object?[]? Read(FactKind kind, object?[] key)
    {
        using var command = Select(kind, key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Values(reader) : null;
    }

    private async Task<object?[]?> ReadAsync(FactKind kind, object?[] key, CancellationToken cancellationToken)
    {
        await using var command = Select(kind, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Values(reader) : null;
    }

    private DbCommand Select(FactKind kind, object?[] key) =>
        Sql.Command(_connection, _transaction, $"SELECT {kind.SelectList} FROM {kind.Table} WHERE {kind.KeyMatch};", Keys(key));

    private DbCommand Claim(FactKind kind, object?[] key) =>
        Sql.Command(_connection, _transaction, $"UPDATE {kind.Table} SET ledger_idx = @idx WHERE {kind.KeyMatch};", [("@idx", _ledger.Size - 1), .. Keys(key)]);

    private static object?[] Values(DbDataReader reader)
    {
        var values = new object?[reader.FieldCount - 1];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return values;
    }

    private static (string, object?)[] Keys(object?[] key) => [.. key.Select((k, i) => ($"@k{i}", k))];
}

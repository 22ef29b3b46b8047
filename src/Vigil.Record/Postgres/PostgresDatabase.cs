using System.Data.Common;
using Npgsql;
using Vigil.Record.Storage;

namespace Vigil.Record.Postgres;

/// <summary>
/// The record in PostgreSQL, for clusters. Commits are durable when they return (PostgreSQL's
/// default <c>synchronous_commit = on</c> flushes the WAL first); Vigil refuses a server that
/// turned it off, since an acknowledgement must never precede durability.
/// </summary>
public sealed class PostgresDatabase : RecordDatabase
{
    private readonly NpgsqlDataSource _source;
    private readonly string _description;
    private readonly string _connectionString;

    /// <summary>Connects to a database by its Npgsql connection string.</summary>
    /// <exception cref="ArgumentException">The connection string is not valid.</exception>
    public PostgresDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _description = $"PostgreSQL {builder.Database ?? "(default database)"} on {builder.Host}:{builder.Port}";
        _source = NpgsqlDataSource.Create(builder);
        _connectionString = builder.ConnectionString;
    }

    /// <inheritdoc />
    public override string Description => _description;

    /// <inheritdoc />
    public override bool IsPostgres => true;

    /// <inheritdoc />
    public override string OrdinalCollation => " COLLATE \"C\"";

    /// <inheritdoc />
    public override string ForUpdate => " FOR UPDATE";

    /// <inheritdoc />
    public override DbConnection Open() => _source.OpenConnection();

    /// <inheritdoc />
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => await _source.OpenConnectionAsync(cancellationToken);

    /// <inheritdoc />
    internal override Changes.RecordChangeFeed OpenChangeFeed(TimeProvider time) => new PostgresChangeFeed(_connectionString, time);

    /// <inheritdoc />
    public override void Migrate()
    {
        using var connection = _source.OpenConnection();
        using (var check = new NpgsqlCommand("SHOW synchronous_commit;", connection))
        {
            if (check.ExecuteScalar() is string mode && mode == "off")
            {
                throw new InvalidDataException($"PostgreSQL runs with synchronous_commit = {mode}; Vigil acknowledges a batch only once it is durable and needs it on.");
            }
        }

        PostgresSchema.Migrate(connection);
    }

    /// <inheritdoc />
    public override int SchemaVersion()
    {
        using var connection = _source.OpenConnection();
        return PostgresSchema.Version(connection);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing) => _source.Dispose();
}

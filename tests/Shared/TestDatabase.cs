using Npgsql;
using Vigil.Record.Postgres;
using Vigil.Record.Sqlite;
using Vigil.Record.Storage;

namespace Vigil.Tests.Shared;

/// <summary>The databases the record runs on; contract tests run against each.</summary>
public enum StoreKind
{
    /// <summary>The embedded SQLite file.</summary>
    Sqlite,

    /// <summary>A real PostgreSQL server on 127.0.0.1 (started by test.sh, named by VIGIL_TEST_POSTGRES).</summary>
    Postgres,
}

/// <summary>
/// A fresh, empty database of a kind: a SQLite file in a folder, or a new database on the test
/// PostgreSQL server, dropped when disposed.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string PostgresVariable = "VIGIL_TEST_POSTGRES";

    private readonly string? _adminConnection;
    private readonly string? _name;

    public TestDatabase(StoreKind kind, string folder)
    {
        Kind = kind;
        SqlitePath = Path.Combine(folder, "vigil.db");
        if (kind == StoreKind.Postgres)
        {
            _adminConnection = Environment.GetEnvironmentVariable(PostgresVariable);
            Assert.False(string.IsNullOrEmpty(_adminConnection), $"{PostgresVariable} is not set: run the tests with ./test.sh, which starts PostgreSQL.");
            _name = "vigil_test_" + Guid.NewGuid().ToString("N")[..12];
            using var admin = new NpgsqlConnection(_adminConnection);
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {_name};", admin);
            create.ExecuteNonQuery();
            ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnection) { Database = _name }.ToString();
        }
    }

    public StoreKind Kind { get; }

    /// <summary>The PostgreSQL connection string (null for SQLite).</summary>
    public string? ConnectionString { get; }

    /// <summary>The SQLite file (unused for PostgreSQL).</summary>
    public string SqlitePath { get; }

    /// <summary>A new handle on the database (the record owns and disposes it).</summary>
    public RecordDatabase Connect() => Kind == StoreKind.Postgres ? new PostgresDatabase(ConnectionString!) : new SqliteDatabase(SqlitePath);

    /// <summary>Runs SQL directly against the database, behind Vigil's back.</summary>
    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var database = Connect();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command.ExecuteNonQuery();
    }

    /// <summary>Reads one value directly.</summary>
    public object? Scalar(string sql)
    {
        using var database = Connect();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Every table's rows as text, the way a dump of the database shows them.</summary>
    public string Dump()
    {
        using var database = Connect();
        using var connection = database.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = Kind == StoreKind.Postgres
                ? "SELECT tablename FROM pg_tables WHERE schemaname = 'public';"
                : "SELECT name FROM sqlite_master WHERE type = 'table';";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM {table};";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    dump.Append(reader.GetValue(i) switch
                    {
                        byte[] bytes => System.Text.Encoding.Latin1.GetString(bytes),
                        var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
                    }).Append('\t');
                }

                dump.Append('\n');
            }
        }

        return dump.ToString();
    }

    public void Dispose()
    {
        if (_name is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(_adminConnection);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE);", admin);
        drop.ExecuteNonQuery();
    }
}

using Microsoft.Data.Sqlite;

namespace Vigil.Record.Sqlite;

/// <summary>Opens connections to one database file with the settings every connection needs.</summary>
internal sealed class SqliteConnections(string path)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
    }.ToString();

    /// <summary>The database file.</summary>
    public string Path { get; } = path;

    /// <summary>
    /// An open connection: full synchronous mode (a commit returns only after fsync of the WAL,
    /// which is what makes an acknowledged batch survive power loss), foreign keys on, and a busy
    /// timeout so writers from other processes (the CLI) wait rather than fail.
    /// </summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";
        command.ExecuteNonQuery();
        return connection;
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}

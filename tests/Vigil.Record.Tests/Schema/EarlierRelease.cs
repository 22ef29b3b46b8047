using System.Data.Common;
using Microsoft.Data.Sqlite;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests.Schema;

/// <summary>
/// Makes a database as the release before the single schema source made it: the migration
/// statements that release shipped, kept verbatim under <c>Golden/Migrations/</c>, applied as its
/// migrators applied them (SQLite: one transaction each, ending with <c>user_version</c>;
/// PostgreSQL: one transaction each, the version in <c>schema_version</c>).
/// </summary>
internal static class EarlierRelease
{
    /// <summary>How many migrations that release shipped for a kind.</summary>
    public static int Migrations(StoreKind kind) => Directory.GetFiles(Folder(kind), "*.sql").Length;

    /// <summary>Brings an empty database to <paramref name="version"/> with that release's statements.</summary>
    public static void MakeAt(TestDatabase database, int version)
    {
        using var handle = database.Connect();
        using var connection = handle.Open();
        Execute(connection, null, database.Kind == StoreKind.Postgres
            ? "CREATE TABLE IF NOT EXISTS schema_version (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL);"
            : "PRAGMA journal_mode = WAL;");
        for (var v = 0; v < version; v++)
        {
            var statements = File.ReadAllText(Path.Combine(Folder(database.Kind), $"{v + 1:00}.sql"));
            using var transaction = connection.BeginTransaction();
            if (connection is SqliteConnection)
            {
                Execute(connection, transaction, statements + $"\nPRAGMA user_version = {v + 1};");
            }
            else
            {
                Execute(connection, transaction, statements);
                Execute(connection, transaction, $"INSERT INTO schema_version (id, version) VALUES (1, {v + 1}) ON CONFLICT (id) DO UPDATE SET version = excluded.version;");
            }

            transaction.Commit();
        }
    }

    private static string Folder(StoreKind kind) =>
        Path.Combine(AppContext.BaseDirectory, "Golden", "Migrations", kind == StoreKind.Postgres ? "postgres" : "sqlite");

    private static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

using Npgsql;
using Vigil.Record.Schema;

namespace Vigil.Record.Postgres;

/// <summary>
/// Versioned schema migrations for PostgreSQL, written from the same schema source as
/// <see cref="Sqlite.SqliteSchema"/>'s (<see cref="RecordSchema"/>; what PostgreSQL writes
/// differently is <see cref="PostgresDialect"/>): applied in order on start, each in its own
/// transaction, the version kept in <c>schema_version</c>. Version 1 is layout 4, and version
/// <c>n</c> layout <c>n + 3</c>. An advisory lock keeps two nodes starting at once from migrating
/// twice. Migrations are append-only: never edit one that has shipped.
/// </summary>
internal static class PostgresSchema
{
    // An arbitrary constant naming Vigil's migration lock among the database's advisory locks.
    private const long MigrationLock = 0x5669_6769_6C01;

    private static readonly IReadOnlyList<string> Migrations = SchemaWriter.Migrations(SqlDialect.Postgres);

    /// <summary>The schema version this build writes.</summary>
    public static int Current => Migrations.Count;

    /// <summary>Applies what is missing; refuses a database newer than this build.</summary>
    public static void Migrate(NpgsqlConnection connection) => Migrate(connection, Current);

    /// <summary>Applies what is missing up to <paramref name="target"/> (tests make databases of earlier versions with it).</summary>
    internal static void Migrate(NpgsqlConnection connection, int target)
    {
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL);";
            setup.ExecuteNonQuery();
        }

        while (true)
        {
            using var transaction = connection.BeginTransaction();
            using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MigrationLock});", connection, transaction))
            {
                lockCommand.ExecuteNonQuery();
            }

            var version = Version(connection, transaction);
            if (version > Current)
            {
                throw new InvalidDataException($"The record's schema is version {version}; this Vigil knows up to {Current}. Upgrade Vigil.");
            }

            if (version >= target)
            {
                transaction.Commit();
                return;
            }

            using (var migrate = new NpgsqlCommand(Migrations[version], connection, transaction))
            {
                migrate.ExecuteNonQuery();
            }

            using (var bump = new NpgsqlCommand(
                "INSERT INTO schema_version (id, version) VALUES (1, @v) ON CONFLICT (id) DO UPDATE SET version = excluded.version;", connection, transaction))
            {
                bump.Parameters.AddWithValue("v", version + 1);
                bump.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>The version the database is at (0 when new).</summary>
    public static int Version(NpgsqlConnection connection, NpgsqlTransaction? transaction = null)
    {
        using var command = new NpgsqlCommand("SELECT version FROM schema_version WHERE id = 1;", connection, transaction);
        return command.ExecuteScalar() is int v ? v : 0;
    }
}

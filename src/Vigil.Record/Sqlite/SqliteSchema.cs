using Microsoft.Data.Sqlite;
using Vigil.Record.Schema;

namespace Vigil.Record.Sqlite;

/// <summary>
/// Versioned schema migrations, applied in order on open inside one transaction each; the
/// applied version is SQLite's <c>user_version</c>. The statements are written from the one
/// schema source, <see cref="RecordSchema"/>, which <see cref="Postgres.PostgresSchema"/> writes
/// too; SQLite's version is the layout's number. Migrations are append-only: never edit one that
/// has shipped. Sequence numbers are 64-bit unsigned on the wire and stored in SQLite's signed
/// INTEGER by bit pattern.
/// </summary>
internal static class SqliteSchema
{
    private static readonly IReadOnlyList<string> Migrations = SchemaWriter.Migrations(SqlDialect.Sqlite);

    // Tables that held patient data in clear before migration 4.
    private static readonly string[] PlaintextTables = ["patients", "batches", "readings", "alerts", "calibrations", "patient_thresholds"];

    /// <summary>The schema version this build writes.</summary>
    public static int Current => Migrations.Count;

    /// <summary>Applies what is missing; refuses a database newer than this build.</summary>
    public static void Migrate(SqliteConnection connection) => Migrate(connection, Current);

    /// <summary>Applies what is missing up to <paramref name="target"/> (tests make databases of earlier versions with it).</summary>
    internal static void Migrate(SqliteConnection connection, int target)
    {
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Current)
        {
            throw new InvalidDataException($"The record's schema is version {version}; this Vigil knows up to {Current}. Upgrade Vigil.");
        }

        for (var v = version; v < target; v++)
        {
            if (v == 3)
            {
                RefusePlaintext(connection);
            }

            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[v] + $"\nPRAGMA user_version = {v + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private static void RefusePlaintext(SqliteConnection connection)
    {
        var held = PlaintextTables.Where(t => Convert.ToInt64(Scalar(connection, $"SELECT count(*) FROM {t};"), System.Globalization.CultureInfo.InvariantCulture) > 0).ToList();
        if (held.Count > 0)
        {
            throw new InvalidDataException(
                $"The record {connection.DataSource} holds patient data stored in clear by an earlier Vigil (schema 3: {string.Join(", ", held)}). "
                + "This Vigil keeps patient data encrypted and cannot convert it in place; move the file aside to start a new record.");
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Vigil.Record.Postgres;
using Vigil.Record.Sqlite;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests.Schema;

/// <summary>
/// Each version the generated migrations reach holds what the hand-written migrations of the
/// earlier release made at that version: the same catalogue and the same starting rows.
/// </summary>
public sealed class SchemaMigrationTests
{
    public static TheoryData<StoreKind, int> EarlierVersions => SchemaGoldenTests.EarlierVersions;

    [Theory]
    [MemberData(nameof(EarlierVersions))]
    public void Migrate_ToEachEarlierVersion_MakesWhatTheEarlierReleaseMade(StoreKind kind, int version)
    {
        var folder = Directory.CreateTempSubdirectory("vigil-schema-").FullName;
        try
        {
            using var earlier = new TestDatabase(kind, Directory.CreateDirectory(Path.Combine(folder, "earlier")).FullName);
            using var current = new TestDatabase(kind, Directory.CreateDirectory(Path.Combine(folder, "current")).FullName);
            EarlierRelease.MakeAt(earlier, version);
            MigrateTo(current, version);

            var made = Catalogues.Read(current);
            Assert.Equal(version, made.Version);
            Assert.Equal(Catalogues.Read(earlier).Text().Split('\n'), made.Text().Split('\n'));
            Assert.Equal(Rows(earlier, made), Rows(current, made));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Current_EachDialect_IsTheEarlierReleasesVersion()
    {
        Assert.Equal(EarlierRelease.Migrations(StoreKind.Sqlite), SqliteSchema.Current);
        Assert.Equal(EarlierRelease.Migrations(StoreKind.Postgres), PostgresSchema.Current);
    }

    private static void MigrateTo(TestDatabase database, int version)
    {
        using var handle = database.Connect();
        using var connection = handle.Open();
        if (connection is SqliteConnection sqlite)
        {
            SqliteSchema.Migrate(sqlite, version);
        }
        else
        {
            PostgresSchema.Migrate((NpgsqlConnection)connection, version);
        }
    }

    // Every row of every table, as text, table by table in the catalogue's order and sorted.
    private static List<string> Rows(TestDatabase database, Catalogue catalogue)
    {
        using var handle = database.Connect();
        using var connection = handle.Open();
        var rows = new List<string>();
        foreach (var table in catalogue.Tables.Where(t => t.Name != "schema_version"))
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM {table.Name};";
            using var reader = select.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read())
            {
                lines.Add(table.Name + ": " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Value(reader, i))));
            }

            rows.AddRange(lines.Order(StringComparer.Ordinal));
        }

        return rows;
    }

    private static string Value(DbDataReader reader, int i) => reader.IsDBNull(i)
        ? "NULL"
        : reader.GetValue(i) switch
        {
            byte[] bytes => Convert.ToHexString(bytes),
            var value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
}

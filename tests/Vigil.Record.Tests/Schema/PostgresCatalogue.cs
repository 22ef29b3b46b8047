using System.Text.RegularExpressions;
using Npgsql;

namespace Vigil.Record.Tests.Schema;

/// <summary>
/// Reads the catalogue of a PostgreSQL database's <c>public</c> schema: tables and columns from
/// <c>information_schema</c>, indexes from <c>pg_indexes</c>, and constraints with
/// <c>pg_get_constraintdef</c>, which prints them in PostgreSQL's own normal form. The version is
/// the row of <c>schema_version</c>.
/// </summary>
internal static partial class PostgresCatalogue
{
    public static Catalogue Read(string connectionString)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        var tables = Rows(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE';")
            .Select(row => (string)row[0]!)
            .Order(StringComparer.Ordinal)
            .Select(name => Table(connection, name))
            .ToList();
        var version = tables.Any(t => t.Name == "schema_version")
            ? Convert.ToInt32(Rows(connection, "SELECT version FROM schema_version WHERE id = 1;").SingleOrDefault()?[0] ?? 0)
            : 0;
        var others = Rows(connection, """
            SELECT 'view ' || table_name FROM information_schema.views WHERE table_schema = 'public'
            UNION ALL SELECT DISTINCT 'trigger ' || trigger_name FROM information_schema.triggers WHERE trigger_schema = 'public'
            UNION ALL SELECT 'routine ' || routine_name FROM information_schema.routines WHERE routine_schema = 'public';
            """).Select(row => (string)row[0]!).Order(StringComparer.Ordinal).ToList();
        return new Catalogue(version, tables, others);
    }

    private static CatalogueTable Table(NpgsqlConnection connection, string name)
    {
        var columns = Rows(connection, """
            SELECT column_name, data_type, is_nullable, column_default, is_identity, identity_generation
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @t ORDER BY ordinal_position;
            """, name)
            .Select(r => new CatalogueColumn(
                (string)r[0]!, (string)r[1]!, (string)r[2]! == "NO", r[3] as string, (string)r[4]! == "YES" ? "identity " + r[5] : null))
            .ToList();

        var constraints = Rows(connection, """
            SELECT c.conname, c.contype::text, pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace
            WHERE n.nspname = 'public' AND r.relname = @t;
            """, name)
            .Select(r => Constraint((string)r[0]!, (string)r[1]!, (string)r[2]!))
            .ToList();

        var backing = constraints.Where(c => c.Kind is "primary key" or "unique").ToDictionary(c => c.Name!, c => c.Kind);
        var indexes = Rows(connection, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = @t;", name)
            .Select(r => Index((string)r[0]!, (string)r[1]!, backing))
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .ToList();

        return new CatalogueTable(name, [], columns, Catalogue.Sorted(constraints), indexes);
    }

    private static CatalogueConstraint Constraint(string name, string type, string definition)
    {
        switch (type)
        {
            case "p" or "u":
                var key = KeyDefinition().Match(definition);
                Assert.True(key.Success, $"Unexpected key constraint {name}: {definition}");
                return new CatalogueConstraint(type == "p" ? "primary key" : "unique", name, List(key.Groups[1].Value));
            case "f":
                var fk = ForeignKeyDefinition().Match(definition);
                Assert.True(fk.Success, $"Unexpected foreign key {name}: {definition}");
                return new CatalogueConstraint("foreign key", name, List(fk.Groups[1].Value), $"{fk.Groups[2].Value} ({fk.Groups[3].Value}){fk.Groups[4].Value}");
            case "c":
                return new CatalogueConstraint("check", name, [], definition.StartsWith("CHECK ", StringComparison.Ordinal) ? definition["CHECK ".Length..] : definition);
            default:
                return new CatalogueConstraint("constraint " + type, name, [], definition);
        }
    }

    private static CatalogueIndex Index(string name, string definition, Dictionary<string, string> backing)
    {
        var index = IndexDefinition().Match(definition);
        Assert.True(index.Success, $"Unexpected index {name}: {definition}");
        var predicate = index.Groups[5].Success ? index.Groups[5].Value : null;
        return new CatalogueIndex(
            name, index.Groups[1].Success, backing.GetValueOrDefault(name, "index"), index.Groups[3].Value, List(index.Groups[4].Value), predicate);
    }

    private static List<string> List(string columns) => [.. columns.Split(',', StringSplitOptions.TrimEntries)];

    private static List<object?[]> Rows(NpgsqlConnection connection, string sql, string? table = null)
    {
        using var command = new NpgsqlCommand(sql, connection);
        if (table is not null)
        {
            command.Parameters.AddWithValue("t", table);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    [GeneratedRegex(@"^(?:PRIMARY KEY|UNIQUE) \((.+)\)$")]
    private static partial Regex KeyDefinition();

    [GeneratedRegex(@"^FOREIGN KEY \((.+?)\) REFERENCES (\S+?)\((.+?)\)(.*)$")]
    private static partial Regex ForeignKeyDefinition();

    [GeneratedRegex(@"^CREATE (UNIQUE )?INDEX (\S+) ON public\.(?:\S+) USING (\w+) \((.+?)\)(?: WHERE (.+))?$")]
    private static partial Regex IndexDefinition();
}

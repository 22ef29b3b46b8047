using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Vigil.Record.Tests.Schema;

/// <summary>
/// Reads a SQLite database's catalogue: <c>sqlite_master</c>, and the <c>table_list</c>,
/// <c>table_info</c>, <c>foreign_key_list</c>, <c>index_list</c> and <c>index_xinfo</c>
/// pragmas. SQLite keeps no catalogue of CHECK constraints or of AUTOINCREMENT, so those are
/// read from the table's CREATE statement; the version is <c>user_version</c>.
/// </summary>
internal static partial class SqliteCatalogue
{
    public static Catalogue Read(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var version = Convert.ToInt32(Rows(connection, "PRAGMA user_version;").Single()[0]);
        var tables = Rows(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name;")
            .Select(row => Table(connection, (string)row[0]!, row[1] as string ?? ""))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        var others = Rows(connection, "SELECT type, name FROM sqlite_master WHERE type NOT IN ('table', 'index') ORDER BY type, name;")
            .Select(row => $"{row[0]} {row[1]}")
            .ToList();
        return new Catalogue(version, tables, others);
    }

    private static CatalogueTable Table(SqliteConnection connection, string name, string sql)
    {
        var traits = new List<string>();
        var listed = Rows(connection, "SELECT wr, strict FROM pragma_table_list WHERE schema = 'main' AND name = $t;", name).Single();
        if (Convert.ToInt64(listed[0]) != 0)
        {
            traits.Add("without rowid");
        }

        if (Convert.ToInt64(listed[1]) != 0)
        {
            traits.Add("strict");
        }

        var autoincrement = AutoIncrement().IsMatch(sql);
        var info = Rows(connection, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($t) ORDER BY cid;", name);
        var key = info.Where(r => Convert.ToInt64(r[4]) > 0).OrderBy(r => Convert.ToInt64(r[4])).Select(r => (string)r[0]!).ToList();
        var columns = info.Select(r => new CatalogueColumn(
            (string)r[0]!,
            (string)r[1]!,
            Convert.ToInt64(r[2]) != 0,
            r[3] as string,
            autoincrement && key.Count == 1 && key[0] == (string)r[0]! ? "autoincrement" : null)).ToList();

        var constraints = new List<CatalogueConstraint>();
        if (key.Count > 0)
        {
            constraints.Add(new CatalogueConstraint("primary key", null, key));
        }

        foreach (var fk in Rows(connection, "SELECT id, \"from\", \"table\", \"to\", on_update, on_delete, \"match\" FROM pragma_foreign_key_list($t) ORDER BY id, seq;", name)
            .GroupBy(r => Convert.ToInt64(r[0])))
        {
            var first = fk.First();
            var actions = (string)first[4]! == "NO ACTION" && (string)first[5]! == "NO ACTION" ? "" : $" on update {first[4]} on delete {first[5]}";
            constraints.Add(new CatalogueConstraint(
                "foreign key", null, [.. fk.Select(r => (string)r[1]!)], $"{first[2]} ({string.Join(", ", fk.Select(r => r[3] as string ?? "(key)"))}){actions}"));
        }

        constraints.AddRange(Check().Matches(sql).Select(m => new CatalogueConstraint("check", null, [], m.Groups[1].Value.Trim())));

        var indexes = new List<CatalogueIndex>();
        foreach (var index in Rows(connection, "SELECT name, \"unique\", origin, partial FROM pragma_index_list($t);", name))
        {
            var indexName = (string)index[0]!;
            var origin = (string)index[2]! switch { "pk" => "primary key", "u" => "unique", _ => "index" };
            var indexColumns = Rows(connection, "SELECT name, \"desc\", coll FROM pragma_index_xinfo($t) WHERE key = 1 ORDER BY seqno;", indexName)
                .Select(r => (r[0] as string ?? "(expression)") + (Convert.ToInt64(r[1]) != 0 ? " desc" : "") + ((string)r[2]! == "BINARY" ? "" : " collate " + r[2]))
                .ToList();
            string? predicate = null;
            if (Convert.ToInt64(index[3]) != 0)
            {
                var indexSql = (string)Rows(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $t;", indexName).Single()[0]!;
                predicate = indexSql[(indexSql.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase) + " WHERE ".Length)..].Trim();
            }

            if (origin == "unique")
            {
                constraints.Add(new CatalogueConstraint("unique", null, indexColumns));
            }

            indexes.Add(new CatalogueIndex(indexName, Convert.ToInt64(index[1]) != 0, origin, null, indexColumns, predicate));
        }

        return new CatalogueTable(name, traits, columns, Catalogue.Sorted(constraints), [.. indexes.OrderBy(i => i.Name, StringComparer.Ordinal)]);
    }

    private static List<object?[]> Rows(SqliteConnection connection, string sql, string? parameter = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (parameter is not null)
        {
            command.Parameters.AddWithValue("$t", parameter);
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

    [GeneratedRegex(@"\bAUTOINCREMENT\b", RegexOptions.IgnoreCase)]
    private static partial Regex AutoIncrement();

    [GeneratedRegex(@"\bCHECK\s*\(([^()]*)\)", RegexOptions.IgnoreCase)]
    private static partial Regex Check();
}

using System.Text.RegularExpressions;

namespace Vigil.Record.Tests.Schema;

/// <summary>
/// A catalogue as both dialects must agree on it: each table's columns by name and kind of value
/// (integer, text, bytes, real), nullability, defaults and generated keys; its keys, unique
/// constraints, foreign keys and checks; and the indexes made by CREATE INDEX. What only one
/// dialect has is left out, each named: SQLite's rowid storage and its autoindexes, PostgreSQL's
/// integer widths, constraint names and access methods, and the tables each keeps for itself.
/// </summary>
internal static partial class LogicalSchema
{
    // SQLite's counter of AUTOINCREMENT keys, and PostgreSQL's version row (SQLite keeps its
    // version in user_version).
    private static readonly string[] OwnTables = ["sqlite_sequence", "schema_version"];

    public static IReadOnlyList<string> Of(Catalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var lines = new List<string>();
        foreach (var table in catalogue.Tables.Where(t => !OwnTables.Contains(t.Name)))
        {
            var key = table.Constraints.FirstOrDefault(c => c.Kind == "primary key")?.Columns ?? [];
            lines.AddRange(table.Columns.Select((column, i) =>
                // A key column never holds NULL in PostgreSQL; in SQLite a rowid table's key is not
                // declared NOT NULL. Both hold the key the same way.
                $"{table.Name} column {i + 1} {column.Name} {Kind(column.Type)}"
                + (column.NotNull || key.Contains(column.Name) ? " not null" : "")
                + (column.Default is null ? "" : " default " + Cast().Replace(column.Default, ""))
                + (column.Generated is null ? "" : " generated")));
            lines.AddRange(table.Constraints
                .Select(c => $"{table.Name} {c.Kind}" + (c.Columns.Count == 0 ? "" : $" ({string.Join(", ", c.Columns)})")
                    + (c.Target is null ? "" : c.Kind == "check" ? " " + Bare(c.Target) : " references " + c.Target))
                .Order(StringComparer.Ordinal));
            lines.AddRange(table.Indexes
                .Where(i => i.Origin == "index")
                .Select(i => $"{table.Name} {(i.Unique ? "unique " : "")}index {i.Name} ({string.Join(", ", i.Columns)})" + (i.Predicate is null ? "" : " where " + Bare(i.Predicate))));
        }

        return lines;
    }

    private static string Kind(string type) => type.ToLowerInvariant() switch
    {
        "integer" or "bigint" or "smallint" => "integer",
        "text" => "text",
        "blob" or "bytea" => "bytes",
        "real" or "double precision" => "real",
        var other => "unknown " + other,
    };

    // PostgreSQL prints expressions in parentheses; SQLite keeps them as written.
    private static string Bare(string expression)
    {
        var bare = expression.Trim();
        while (bare.StartsWith('(') && bare.EndsWith(')') && Balanced(bare[1..^1]))
        {
            bare = bare[1..^1].Trim();
        }

        return bare;
    }

    private static bool Balanced(string text)
    {
        var depth = 0;
        foreach (var c in text)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0)
            {
                return false;
            }
        }

        return depth == 0;
    }

    // PostgreSQL shows a literal default with its type: 'mg/dL'::text.
    [GeneratedRegex(@"::[a-z ]+$")]
    private static partial Regex Cast();
}

using System.Text;

namespace Vigil.Record.Tests.Schema;

/// <summary>
/// A normalised dump of a database's catalogue: the schema version it records and every table
/// with its columns, constraints and indexes, sorted so that two databases holding the same
/// schema print the same text whatever order it was made in.
/// </summary>
/// <param name="Version">The schema version the database records.</param>
/// <param name="Tables">Its tables, sorted by name.</param>
/// <param name="Others">Anything else in the catalogue (views, triggers), as <c>kind name</c>.</param>
internal sealed record Catalogue(int Version, IReadOnlyList<CatalogueTable> Tables, IReadOnlyList<string> Others)
{
    /// <summary>The dump as text: a few lines per table, its columns on one.</summary>
    public string Text()
    {
        var text = new StringBuilder();
        text.Append("schema version ").Append(Version).Append('\n');
        foreach (var table in Tables)
        {
            text.Append("table ").Append(table.Name);
            foreach (var trait in table.Traits)
            {
                text.Append(", ").Append(trait);
            }

            text.Append("\n  columns ").AppendJoin(", ", table.Columns).Append('\n');
            foreach (var line in table.Constraints.Select(c => c.ToString()).Concat(table.Indexes.Select(i => i.ToString())))
            {
                text.Append("  ").Append(line).Append('\n');
            }
        }

        foreach (var other in Others)
        {
            text.Append(other).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Constraints in a stable order: by kind, then name, then columns.</summary>
    public static IReadOnlyList<CatalogueConstraint> Sorted(IEnumerable<CatalogueConstraint> constraints) =>
        [.. constraints.OrderBy(c => c.ToString(), StringComparer.Ordinal)];
}

namespace Vigil.Record.Tests.Schema;

/// <summary>A table constraint: a primary key, a unique constraint, a foreign key or a check.</summary>
/// <param name="Kind"><c>primary key</c>, <c>unique</c>, <c>foreign key</c> or <c>check</c>.</param>
/// <param name="Name">Its name in the catalogue, or null where the database names none (SQLite).</param>
/// <param name="Columns">The constrained columns, in order (none for a check).</param>
/// <param name="Target">For a foreign key, the referenced table and columns, as <c>table (a, b)</c>; for a check, its expression.</param>
internal sealed record CatalogueConstraint(string Kind, string? Name, IReadOnlyList<string> Columns, string? Target = null)
{
    public override string ToString() =>
        Kind + (Name is null ? "" : " " + Name) + (Columns.Count == 0 ? "" : " (" + string.Join(", ", Columns) + ")")
        + (Target is null ? "" : Kind == "foreign key" ? " references " + Target : " " + Target);
}

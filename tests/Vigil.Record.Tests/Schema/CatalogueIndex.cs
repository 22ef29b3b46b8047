namespace Vigil.Record.Tests.Schema;

/// <summary>An index as the catalogue describes it.</summary>
/// <param name="Name">The index's name.</param>
/// <param name="Unique">Whether it is unique.</param>
/// <param name="Origin">Why it exists: <c>index</c> (made by CREATE INDEX), <c>primary key</c> or <c>unique</c> (made for that constraint).</param>
/// <param name="Method">The access method (PostgreSQL; null for SQLite, whose indexes are all b-trees).</param>
/// <param name="Columns">The indexed columns, in order, each followed by <c>desc</c> when descending.</param>
/// <param name="Predicate">The WHERE clause of a partial index, as the database shows it; null when it covers every row.</param>
internal sealed record CatalogueIndex(string Name, bool Unique, string Origin, string? Method, IReadOnlyList<string> Columns, string? Predicate)
{
    public override string ToString() =>
        (Unique ? "unique " : "") + "index " + Name + (Origin == "index" ? "" : " for " + Origin) + (Method is null ? "" : " using " + Method)
        + " (" + string.Join(", ", Columns) + ")" + (Predicate is null ? "" : " where " + Predicate);
}

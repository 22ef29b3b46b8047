namespace Vigil.Record.Tests.Schema;

/// <summary>A table as the catalogue describes it.</summary>
/// <param name="Name">The table's name.</param>
/// <param name="Traits">How it is stored, where the database says (SQLite: <c>without rowid</c>, <c>strict</c>).</param>
/// <param name="Columns">Its columns, in their order.</param>
/// <param name="Constraints">Its constraints, sorted.</param>
/// <param name="Indexes">Its indexes, sorted by name.</param>
internal sealed record CatalogueTable(
    string Name,
    IReadOnlyList<string> Traits,
    IReadOnlyList<CatalogueColumn> Columns,
    IReadOnlyList<CatalogueConstraint> Constraints,
    IReadOnlyList<CatalogueIndex> Indexes);

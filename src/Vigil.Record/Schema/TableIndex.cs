namespace Vigil.Record.Schema;

/// <summary>An index on a table's columns, partial when it has a condition.</summary>
/// <param name="Name">The index's name.</param>
/// <param name="Table">The table it indexes.</param>
/// <param name="Columns">The indexed columns, in order.</param>
internal sealed record TableIndex(string Name, string Table, IReadOnlyList<string> Columns)
{
    /// <summary>Whether two rows may not share its columns' values.</summary>
    public bool IsUnique { get; init; }

    /// <summary>The condition of the rows it covers (SQL both dialects read alike), or null for every row.</summary>
    public string? Where { get; init; }
}

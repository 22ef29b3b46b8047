namespace Vigil.Record.Schema;

/// <summary>A table: its columns in order, and its primary key.</summary>
/// <param name="Name">The table's name.</param>
/// <param name="Columns">Its columns, in order.</param>
internal sealed record Table(string Name, IReadOnlyList<Column> Columns)
{
    /// <summary>A key of several columns, written after them; empty when one column is the key (<see cref="Column.IsKey"/>).</summary>
    public IReadOnlyList<string> CompositeKey { get; init; } = [];

    /// <summary>
    /// SQLite only: the table is stored in its key's b-tree without SQLite's hidden rowid
    /// (<c>WITHOUT ROWID</c>), which keeps rows looked up by their key in one b-tree. PostgreSQL
    /// has no such option and ignores it.
    /// </summary>
    public bool SqliteWithoutRowId { get; init; }

    /// <summary>The primary key's columns, in order.</summary>
    public IReadOnlyList<string> PrimaryKey => CompositeKey.Count > 0 ? CompositeKey : [.. Columns.Where(c => c.IsKey).Select(c => c.Name)];

    /// <summary>A table of these columns.</summary>
    public static Table Of(string name, params Column[] columns) => new(name, columns);

    /// <summary>The same table keyed by several columns.</summary>
    public Table KeyedBy(params string[] columns) => this with { CompositeKey = columns };

    /// <summary>The same table, stored without rowid in SQLite.</summary>
    public Table WithoutRowId() => this with { SqliteWithoutRowId = true };

    /// <summary>The same table with one more column, last.</summary>
    public Table With(Column column) => this with { Columns = [.. Columns, column] };
}

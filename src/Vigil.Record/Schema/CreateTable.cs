namespace Vigil.Record.Schema;

/// <summary>Creates a table.</summary>
/// <param name="Table">The table.</param>
internal sealed record CreateTable(Table Table) : SchemaChange
{
    /// <summary>The same table keyed by several columns.</summary>
    public CreateTable KeyedBy(params string[] columns) => new(Table.KeyedBy(columns));

    /// <summary>The same table, stored without rowid in SQLite.</summary>
    public CreateTable WithoutRowId() => new(Table.WithoutRowId());
}

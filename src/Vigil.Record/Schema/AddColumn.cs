namespace Vigil.Record.Schema;

/// <summary>Adds a column after a table's last one; existing rows get its default, or NULL.</summary>
/// <param name="Table">The table's name.</param>
/// <param name="Column">The new column.</param>
internal sealed record AddColumn(string Table, Column Column) : SchemaChange;

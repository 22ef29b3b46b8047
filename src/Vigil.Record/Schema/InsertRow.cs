namespace Vigil.Record.Schema;

/// <summary>Inserts the row a table starts with (a single-row table's one row).</summary>
/// <param name="Table">The table's name.</param>
/// <param name="Values">The row's values as SQL literals, in column order: <c>1, 'clinical'</c>.</param>
internal sealed record InsertRow(string Table, string Values) : SchemaChange;

namespace Vigil.Record.Schema;

/// <summary>
/// SQLite: every integer is INTEGER; a generated key is an INTEGER PRIMARY KEY (the rowid) with
/// AUTOINCREMENT, so that an id is never handed out twice even after the newest row is deleted;
/// tables may be stored WITHOUT ROWID. Its migrations start from the first layout.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    /// <inheritdoc />
    public override string Name => "SQLite";

    /// <inheritdoc />
    public override int FirstLayout => 1;

    /// <inheritdoc />
    public override string TypeName(ColumnType type) => type switch
    {
        ColumnType.Int32 or ColumnType.Int64 => "INTEGER",
        ColumnType.Real => "REAL",
        ColumnType.Text => "TEXT",
        ColumnType.Bytes => "BLOB",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a column type."),
    };

    /// <inheritdoc />
    public override string KeyClause(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.IsGenerated ? "PRIMARY KEY AUTOINCREMENT" : "PRIMARY KEY";
    }

    /// <inheritdoc />
    public override string TableOptions(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.SqliteWithoutRowId ? " WITHOUT ROWID" : "";
    }
}

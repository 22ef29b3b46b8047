using System.Text;

namespace Vigil.Record.Schema;

/// <summary>Writes the record's migrations (<see cref="RecordSchema"/>) as one dialect's SQL.</summary>
internal static class SchemaWriter
{
    /// <summary>
    /// A dialect's migrations, in order: the one at index <c>v</c> brings its version <c>v</c> to
    /// <c>v + 1</c>. The first creates <see cref="SqlDialect.FirstLayout"/> in one step; each
    /// later one is a layout's migration.
    /// </summary>
    public static IReadOnlyList<string> Migrations(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var history = RecordSchema.Migrations;
        var first = dialect.FirstLayout == 1
            ? history[0].Changes
            : SchemaLayout.After(history.Where(m => m.Layout <= dialect.FirstLayout)).Creation();
        return [Statements(dialect, first), .. history.Where(m => m.Layout > dialect.FirstLayout).Select(m => Statements(dialect, m.Changes))];
    }

    /// <summary>The statements of these changes, one a line.</summary>
    public static string Statements(SqlDialect dialect, IEnumerable<SchemaChange> changes) =>
        string.Join("\n", changes.Select(change => Statement(dialect, change)));

    /// <summary>One change as a statement.</summary>
    public static string Statement(SqlDialect dialect, SchemaChange change) => change switch
    {
        CreateTable create => CreateStatement(dialect, create.Table),
        DropTable drop => $"DROP TABLE {drop.Name};",
        AddColumn add => $"ALTER TABLE {add.Table} ADD COLUMN {ColumnDefinition(dialect, add.Column)};",
        CreateIndex { Index: var index } =>
            $"CREATE {(index.IsUnique ? "UNIQUE " : "")}INDEX {index.Name} ON {index.Table}({string.Join(", ", index.Columns)})"
            + (index.Where is null ? "" : " WHERE " + index.Where) + ";",
        InsertRow row => $"INSERT INTO {row.Table} VALUES ({row.Values});",
        RewriteRows rewrite => rewrite.Sql + ";",
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Not a schema change."),
    };

    private static string CreateStatement(SqlDialect dialect, Table table)
    {
        var keyColumns = table.Columns.Count(c => c.IsKey);
        if (keyColumns > 1 || (keyColumns == 1 && table.CompositeKey.Count > 0))
        {
            throw new InvalidOperationException($"The table {table.Name} has more than one key: name several key columns with KeyedBy.");
        }

        var sql = new StringBuilder("CREATE TABLE ").Append(table.Name).Append(" (");
        sql.AppendJoin(", ", table.Columns.Select(c => ColumnDefinition(dialect, c)));
        if (table.CompositeKey.Count > 0)
        {
            sql.Append(", PRIMARY KEY (").AppendJoin(", ", table.CompositeKey).Append(')');
        }

        return sql.Append(')').Append(dialect.TableOptions(table)).Append(';').ToString();
    }

    private static string ColumnDefinition(SqlDialect dialect, Column column)
    {
        if (column.IsGenerated && !column.IsKey)
        {
            throw new InvalidOperationException($"The column {column.Name} is generated but not its table's key.");
        }

        var sql = new StringBuilder(column.Name).Append(' ').Append(dialect.TypeName(column.Type));
        if (column.IsKey)
        {
            sql.Append(' ').Append(dialect.KeyClause(column));
        }
        else if (!column.AllowsNull)
        {
            sql.Append(" NOT NULL");
        }

        if (column.IsUnique)
        {
            sql.Append(" UNIQUE");
        }

        if (column.Default is not null)
        {
            sql.Append(" DEFAULT ").Append(column.Default);
        }

        if (column.Check is not null)
        {
            sql.Append(" CHECK (").Append(column.Check).Append(')');
        }

        if (column.References is not null)
        {
            sql.Append(" REFERENCES ").Append(column.References);
        }

        return sql.ToString();
    }
}

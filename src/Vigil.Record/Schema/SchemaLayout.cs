namespace Vigil.Record.Schema;

/// <summary>
/// The schema a run of migrations leaves, worked out in memory: its tables with their columns,
/// its indexes, and the starting rows of its tables. A dialect whose migrations start from a
/// later layout creates that layout from it in one step (<see cref="Creation"/>). A change that
/// does not fit the layout before it (a table created twice, a column added to a table that is
/// not there, an index on a column no table has) is a bug in the migrations, and throws.
/// </summary>
internal sealed class SchemaLayout
{
    private readonly List<Table> _tables = [];
    private readonly List<TableIndex> _indexes = [];
    private readonly List<InsertRow> _rows = [];

    /// <summary>The tables, in the order they were created.</summary>
    public IReadOnlyList<Table> Tables => _tables;

    /// <summary>The indexes, in the order they were created.</summary>
    public IReadOnlyList<TableIndex> Indexes => _indexes;

    /// <summary>The layout these migrations leave, applied in order to an empty database.</summary>
    public static SchemaLayout After(IEnumerable<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        var layout = new SchemaLayout();
        foreach (var change in migrations.SelectMany(m => m.Changes))
        {
            layout.Apply(change);
        }

        return layout;
    }

    /// <summary>The table of that name.</summary>
    public Table Find(string name) =>
        _tables.Find(t => t.Name == name) ?? throw new InvalidOperationException($"The layout has no table {name}.");

    /// <summary>
    /// The changes that create this layout in an empty database: each table after those it refers
    /// to, followed by its indexes and its starting row. Rewrites of rows are left out: an empty
    /// database holds none of the rows they rewrite.
    /// </summary>
    public IReadOnlyList<SchemaChange> Creation()
    {
        var changes = new List<SchemaChange>();
        var created = new HashSet<string>();
        foreach (var table in _tables)
        {
            CreateWithReferences(table, changes, created, []);
        }

        return changes;
    }

    private void CreateWithReferences(Table table, List<SchemaChange> changes, HashSet<string> created, HashSet<string> visiting)
    {
        if (created.Contains(table.Name))
        {
            return;
        }

        if (!visiting.Add(table.Name))
        {
            throw new InvalidOperationException($"The table {table.Name} refers to itself through other tables.");
        }

        foreach (var reference in table.Columns.Select(c => c.References).OfType<string>())
        {
            var referred = Find(reference[..reference.IndexOf('(', StringComparison.Ordinal)]);
            if (referred.Name != table.Name)
            {
                CreateWithReferences(referred, changes, created, visiting);
            }
        }

        created.Add(table.Name);
        changes.Add(new CreateTable(table));
        changes.AddRange(_indexes.Where(i => i.Table == table.Name).Select(i => new CreateIndex(i)));
        changes.AddRange(_rows.Where(r => r.Table == table.Name));
    }

    private void Apply(SchemaChange change)
    {
        switch (change)
        {
            case CreateTable create:
                if (_tables.Exists(t => t.Name == create.Table.Name))
                {
                    throw new InvalidOperationException($"The table {create.Table.Name} is created twice.");
                }

                _tables.Add(create.Table);
                break;
            case DropTable drop:
                _tables.Remove(Find(drop.Name));
                _indexes.RemoveAll(i => i.Table == drop.Name);
                _rows.RemoveAll(r => r.Table == drop.Name);
                break;
            case AddColumn add:
                var table = Find(add.Table);
                if (table.Columns.Any(c => c.Name == add.Column.Name))
                {
                    throw new InvalidOperationException($"The table {add.Table} has a column {add.Column.Name} already.");
                }

                _tables[_tables.IndexOf(table)] = table.With(add.Column);
                break;
            case CreateIndex index:
                var indexed = Find(index.Index.Table);
                if (index.Index.Columns.FirstOrDefault(name => !indexed.Columns.Any(c => c.Name == name)) is { } missing)
                {
                    throw new InvalidOperationException($"The index {index.Index.Name} is on {missing}, which {indexed.Name} does not have.");
                }

                if (_indexes.Exists(i => i.Name == index.Index.Name))
                {
                    throw new InvalidOperationException($"The index {index.Index.Name} is created twice.");
                }

                _indexes.Add(index.Index);
                break;
            case InsertRow row:
                Find(row.Table);
                _rows.Add(row);
                break;
            case RewriteRows:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "Not a schema change.");
        }
    }
}

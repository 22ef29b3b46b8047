namespace Vigil.Record.Schema;

/// <summary>Short names for the changes a migration lists, so that a migration reads like its SQL.</summary>
internal static class Changes
{
    /// <summary>Creates a table of these columns.</summary>
    public static CreateTable Create(string table, params Column[] columns) => new(Table.Of(table, columns));

    /// <summary>Drops a table.</summary>
    public static DropTable Drop(string table) => new(table);

    /// <summary>Adds a column to a table.</summary>
    public static AddColumn Add(string table, Column column) => new(table, column);

    /// <summary>Creates an index.</summary>
    public static CreateIndex IndexOn(string table, string name, params string[] columns) => new(new TableIndex(name, table, columns));

    /// <summary>Creates a unique index.</summary>
    public static CreateIndex UniqueIndexOn(string table, string name, params string[] columns) =>
        new(new TableIndex(name, table, columns) { IsUnique = true });

    /// <summary>Creates an index of the rows that meet a condition.</summary>
    public static CreateIndex PartialIndexOn(string table, string name, string where, params string[] columns) =>
        new(new TableIndex(name, table, columns) { Where = where });

    /// <summary>Inserts a table's starting row.</summary>
    public static InsertRow Insert(string table, string values) => new(table, values);

    /// <summary>Rewrites rows an earlier layout stored.</summary>
    public static RewriteRows Rewrite(string sql) => new(sql);
}

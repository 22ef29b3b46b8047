namespace Vigil.Record.Schema;

/// <summary>
/// What one database writes differently from the other, named: the type each
/// <see cref="ColumnType"/> takes, how a generated key is declared, the table options only it
/// has, and the layout its migrations start from. Everything else the migrations write is SQL
/// that SQLite and PostgreSQL read alike.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>The embedded record.</summary>
    public static SqlDialect Sqlite { get; } = new SqliteDialect();

    /// <summary>The record in PostgreSQL.</summary>
    public static SqlDialect Postgres { get; } = new PostgresDialect();

    /// <summary>The dialect's name, for messages.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The layout this dialect's migration 1 creates. Its later migrations are the layouts after
    /// it, one each, so that its version <c>n</c> is layout <c>n + FirstLayout - 1</c>.
    /// </summary>
    public abstract int FirstLayout { get; }

    /// <summary>The dialect's version of a layout.</summary>
    public int Version(int layout) => layout - FirstLayout + 1;

    /// <summary>The type a column of this kind is declared with.</summary>
    public abstract string TypeName(ColumnType type);

    /// <summary>What follows the type of a table's one key column: <c>PRIMARY KEY</c>, and for a generated key how it is generated.</summary>
    public abstract string KeyClause(Column column);

    /// <summary>What follows a CREATE TABLE statement's closing parenthesis.</summary>
    public abstract string TableOptions(Table table);
}

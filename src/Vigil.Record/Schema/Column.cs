namespace Vigil.Record.Schema;

/// <summary>
/// A column of a <see cref="Table"/>: NOT NULL unless made <see cref="Nullable"/>. Defaults and
/// checks are SQL both dialects read alike.
/// </summary>
/// <param name="Name">The column's name.</param>
/// <param name="Type">What it holds.</param>
internal sealed record Column(string Name, ColumnType Type)
{
    /// <summary>Whether it may hold NULL.</summary>
    public bool AllowsNull { get; init; }

    /// <summary>
    /// Whether it alone is the table's primary key. Such a column is written <c>PRIMARY KEY</c>
    /// without NOT NULL, as the migrations always wrote it (PostgreSQL and SQLite's WITHOUT ROWID
    /// and INTEGER keys refuse NULL there anyway).
    /// </summary>
    public bool IsKey { get; init; }

    /// <summary>Whether a row inserted without it gets the next number: an id the database hands out.</summary>
    public bool IsGenerated { get; init; }

    /// <summary>Whether its values are unique (an unnamed UNIQUE constraint on the column).</summary>
    public bool IsUnique { get; init; }

    /// <summary>The SQL literal a row inserted without it gets, or null.</summary>
    public string? Default { get; init; }

    /// <summary>A condition its values must meet (an unnamed CHECK on the column), or null.</summary>
    public string? Check { get; init; }

    /// <summary>The key it refers to, as <c>table(column)</c>, or null.</summary>
    public string? References { get; init; }

    /// <summary>A 32-bit integer column.</summary>
    public static Column Int(string name) => new(name, ColumnType.Int32);

    /// <summary>A 64-bit integer column.</summary>
    public static Column Long(string name) => new(name, ColumnType.Int64);

    /// <summary>A double-precision column.</summary>
    public static Column Real(string name) => new(name, ColumnType.Real);

    /// <summary>A text column.</summary>
    public static Column Text(string name) => new(name, ColumnType.Text);

    /// <summary>A bytes column.</summary>
    public static Column Bytes(string name) => new(name, ColumnType.Bytes);

    /// <summary>The key of a table that holds at most one row, whose id is 1.</summary>
    public static Column SingleRowKey() => Int("id").Key().Checked("id = 1");

    /// <summary>The same column, allowed to hold NULL.</summary>
    public Column Nullable() => this with { AllowsNull = true };

    /// <summary>The same column as the table's primary key.</summary>
    public Column Key() => this with { IsKey = true };

    /// <summary>The same column as a key whose values the database hands out.</summary>
    public Column GeneratedKey() => this with { IsKey = true, IsGenerated = true };

    /// <summary>The same column with unique values.</summary>
    public Column Unique() => this with { IsUnique = true };

    /// <summary>The same column with a default value.</summary>
    public Column DefaultsTo(string literal) => this with { Default = literal };

    /// <summary>The same column with a check.</summary>
    public Column Checked(string condition) => this with { Check = condition };

    /// <summary>The same column referring to another table's key.</summary>
    public Column Refers(string key) => this with { References = key };
}

namespace Vigil.Record.Tests.Schema;

/// <summary>A column as the database's catalogue describes it.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Type">The declared type, as the database spells it.</param>
/// <param name="NotNull">Whether the column is declared NOT NULL.</param>
/// <param name="Default">The default expression, as the database shows it; null when none.</param>
/// <param name="Generated">How the database numbers new rows in it (SQLite AUTOINCREMENT, PostgreSQL identity); null when it does not.</param>
internal sealed record CatalogueColumn(string Name, string Type, bool NotNull, string? Default, string? Generated)
{
    public override string ToString() =>
        Name + (Type.Length == 0 ? "" : " " + Type) + (NotNull ? " not null" : "") + (Default is null ? "" : " default " + Default) + (Generated is null ? "" : " generated " + Generated);
}

namespace Vigil.Record.Schema;

/// <summary>Drops a table, its rows and its indexes.</summary>
/// <param name="Name">The table's name.</param>
internal sealed record DropTable(string Name) : SchemaChange;

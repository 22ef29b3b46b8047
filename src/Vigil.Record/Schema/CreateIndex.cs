namespace Vigil.Record.Schema;

/// <summary>Creates an index.</summary>
/// <param name="Index">The index.</param>
internal sealed record CreateIndex(TableIndex Index) : SchemaChange;

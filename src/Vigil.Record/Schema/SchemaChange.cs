namespace Vigil.Record.Schema;

/// <summary>
/// One step of a <see cref="Migration"/>: a change to the schema (<see cref="CreateTable"/>,
/// <see cref="DropTable"/>, <see cref="AddColumn"/>, <see cref="CreateIndex"/>) or to the rows a
/// migration sets up or rewrites (<see cref="InsertRow"/>, <see cref="RewriteRows"/>).
/// </summary>
internal abstract record SchemaChange;

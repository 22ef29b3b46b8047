namespace Vigil.Record.Schema;

/// <summary>
/// Changes rows an earlier layout stored (an UPDATE or DELETE both dialects read alike). It
/// matters only to a database that is upgraded through the migration holding it: a dialect whose
/// first migration creates a later layout in one step (<see cref="SqlDialect.FirstLayout"/>)
/// never held those rows, and leaves it out.
/// </summary>
/// <param name="Sql">The statement, without its closing semicolon.</param>
internal sealed record RewriteRows(string Sql) : SchemaChange;

namespace Vigil.Record.Schema;

/// <summary>
/// One migration of the record's schema: the changes that bring layout <see cref="Layout"/> − 1
/// to layout <see cref="Layout"/>. Layouts are numbered as the embedded record's versions
/// (SQLite's <c>user_version</c>); see <see cref="SqlDialect.Version"/> for PostgreSQL's.
/// </summary>
/// <param name="Layout">The layout it leaves.</param>
/// <param name="Changes">Its changes, in the order they run.</param>
internal sealed record Migration(int Layout, IReadOnlyList<SchemaChange> Changes);

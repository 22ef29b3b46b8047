using Vigil.Record.Schema.Layouts;

namespace Vigil.Record.Schema;

/// <summary>
/// The record's schema, the one source of both dialects' migrations: every migration there has
/// been, as tables, columns of a <see cref="ColumnType"/>, keys, indexes and the rows they set up,
/// from which <see cref="SchemaWriter"/> writes SQLite's and PostgreSQL's SQL. Migrations are
/// append-only: one that has shipped is never edited, since the databases it made must migrate and
/// open unchanged; a change is a new migration at the end.
/// </summary>
internal static class RecordSchema
{
    /// <summary>Every migration, in order of their layouts (1, 2, …).</summary>
    public static IReadOnlyList<Migration> Migrations { get; } =
        [.. BeforeEncryption.Migrations, EncryptionAtRest.Migration, .. AfterEncryption.Migrations];

    /// <summary>The layout this build writes.</summary>
    public static int Current => Migrations[^1].Layout;
}

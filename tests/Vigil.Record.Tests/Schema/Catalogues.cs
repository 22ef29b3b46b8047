using Vigil.Tests.Shared;

namespace Vigil.Record.Tests.Schema;

/// <summary>The catalogue of a test database, whichever kind it is, and the golden file it is held to.</summary>
internal static class Catalogues
{
    public static Catalogue Read(TestDatabase database) =>
        database.Kind == StoreKind.Postgres ? PostgresCatalogue.Read(database.ConnectionString!) : SqliteCatalogue.Read(database.SqlitePath);

    /// <summary>The golden dump of a freshly created record of a kind.</summary>
    public static string GoldenFile(StoreKind kind) => kind == StoreKind.Postgres ? "schema.postgres.txt" : "schema.sqlite.txt";

    /// <summary>
    /// Holds a dump to its golden file under <c>Golden/</c>, line by line. When they differ, the
    /// dump is written beside the test's output as <c>name.actual</c>, to review and copy over the
    /// golden file when the schema has changed on purpose.
    /// </summary>
    public static void AssertGolden(string file, string actual)
    {
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", file));
        if (expected != actual)
        {
            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "Golden", file + ".actual"), actual);
        }

        Assert.Equal(expected.Split('\n'), actual.Split('\n'));
    }
}

using Vigil.Identity.Keys;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests.Schema;

/// <summary>
/// The schema a record ends up with, held to golden dumps of its catalogue: a new record, and
/// a database made by the earlier release at each of its versions and then opened by this one.
/// </summary>
public sealed class SchemaGoldenTests
{
    public static TheoryData<StoreKind, int> EarlierVersions
    {
        get
        {
            var data = new TheoryData<StoreKind, int>();
            foreach (var kind in new[] { StoreKind.Sqlite, StoreKind.Postgres })
            {
                for (var version = 1; version <= EarlierRelease.Migrations(kind); version++)
                {
                    data.Add(kind, version);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Open_NewRecord_CatalogueMatchesGoldenDump(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);

        Catalogues.AssertGolden(Catalogues.GoldenFile(kind), Catalogues.Read(fixture.Database).Text());
    }

    [Theory]
    [MemberData(nameof(EarlierVersions))]
    public async Task Open_DatabaseOfEarlierReleaseAtVersion_UpgradesToGoldenDump(StoreKind kind, int version)
    {
        var folder = Directory.CreateTempSubdirectory("vigil-schema-").FullName;
        try
        {
            using var database = new TestDatabase(kind, folder);
            EarlierRelease.MakeAt(database, version);
            Assert.Equal(version, Catalogues.Read(database).Version);

            await using (RecordStore.Open(database.Connect(), new FileKeyStore(Path.Combine(folder, "keys")), TimeProvider.System))
            {
            }

            Catalogues.AssertGolden(Catalogues.GoldenFile(kind), Catalogues.Read(database).Text());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using Vigil.Tests.Shared;

namespace Vigil.Record.Tests.Schema;

/// <summary>The two dialects hold the same schema: the same tables, columns, keys and indexes.</summary>
public sealed class SchemaDriftTests
{
    [Fact]
    public async Task Open_NewRecordInEachDialect_SameTablesColumnsKeysAndIndexes()
    {
        await using var sqlite = new RecordFixture(StoreKind.Sqlite);
        await using var postgres = new RecordFixture(StoreKind.Postgres);

        Assert.Equal(LogicalSchema.Of(Catalogues.Read(sqlite.Database)), LogicalSchema.Of(Catalogues.Read(postgres.Database)));
    }

    [Theory]
    [InlineData("ALTER TABLE devices ADD COLUMN extra TEXT;")]
    [InlineData("CREATE INDEX devices_model ON devices(model);")]
    [InlineData("DROP INDEX readings_revised;")]
    [InlineData("DROP TABLE ledger_blocks;")]
    [InlineData("CREATE TABLE extra (id INTEGER PRIMARY KEY);")]
    public async Task LogicalSchema_OneRecordChangedBehindVigil_Differs(string change)
    {
        await using var made = new RecordFixture(StoreKind.Sqlite);
        await using var changed = new RecordFixture(StoreKind.Sqlite);
        changed.Database.Execute(change);

        Assert.NotEqual(LogicalSchema.Of(Catalogues.Read(made.Database)), LogicalSchema.Of(Catalogues.Read(changed.Database)));
    }
}

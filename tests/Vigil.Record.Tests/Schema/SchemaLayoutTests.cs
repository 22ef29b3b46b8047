using Vigil.Record.Schema;
using static Vigil.Record.Schema.Changes;
using static Vigil.Record.Schema.Column;

namespace Vigil.Record.Tests.Schema;

public sealed class SchemaLayoutTests
{
    [Fact]
    public void Creation_TableReferringToOneRecreatedLater_ComesAfterIt()
    {
        Migration[] migrations =
        [
            new(1, [Create("parents", Text("id").Key()), Create("children", Text("parent").Refers("parents(id)")), IndexOn("children", "children_parent", "parent")]),
            new(2, [Rewrite("UPDATE children SET parent = NULL"), Drop("parents"), Create("parents", Text("id").Key(), Text("name")), Insert("parents", "'p', 'P'")]),
        ];

        var creation = SchemaLayout.After(migrations).Creation();

        Assert.Equal(
            [
                "CREATE TABLE parents (id TEXT PRIMARY KEY, name TEXT NOT NULL);",
                "INSERT INTO parents VALUES ('p', 'P');",
                "CREATE TABLE children (parent TEXT NOT NULL REFERENCES parents(id));",
                "CREATE INDEX children_parent ON children(parent);",
            ],
            creation.Select(change => SchemaWriter.Statement(SqlDialect.Sqlite, change)));
    }

    [Fact]
    public void After_DropAndAdd_LeavesColumnsInOrderAndIndexesOfLiveTables()
    {
        Migration[] migrations =
        [
            new(1, [Create("a", Text("id").Key()), IndexOn("a", "a_id", "id"), Create("b", Text("id").Key())]),
            new(2, [Add("b", Long("at").Nullable()), Drop("a")]),
        ];

        var layout = SchemaLayout.After(migrations);

        Assert.Equal(["b"], layout.Tables.Select(t => t.Name));
        Assert.Equal(["id", "at"], layout.Find("b").Columns.Select(c => c.Name));
        Assert.Empty(layout.Indexes);
    }

    public static TheoryData<string> Misfits =>
    [
        "add to a missing table",
        "index on a missing column",
        "table created twice",
        "drop a missing table",
        "column added twice",
        "row for a missing table",
    ];

    [Theory]
    [MemberData(nameof(Misfits))]
    public void After_ChangeThatDoesNotFitTheLayout_Throws(string misfit)
    {
        SchemaChange change = misfit switch
        {
            "add to a missing table" => Add("nowhere", Text("x")),
            "index on a missing column" => IndexOn("a", "a_x", "x"),
            "table created twice" => Create("a", Text("id").Key()),
            "drop a missing table" => Drop("nowhere"),
            "column added twice" => Add("a", Text("id")),
            _ => Insert("nowhere", "1"),
        };

        Assert.Throws<InvalidOperationException>(() => SchemaLayout.After([new(1, [Create("a", Text("id").Key())]), new(2, [change])]));
    }

    [Fact]
    public void After_EveryMigration_Fits()
    {
        var layout = SchemaLayout.After(RecordSchema.Migrations);

        Assert.Contains(layout.Tables, t => t.Name == "ledger_adoption");
        Assert.Equal(Enumerable.Range(1, RecordSchema.Current), RecordSchema.Migrations.Select(m => m.Layout));
    }
}

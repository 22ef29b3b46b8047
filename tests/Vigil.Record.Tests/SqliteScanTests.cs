using Microsoft.Data.Sqlite;
using Vigil.Record.Sqlite;

namespace Vigil.Record.Tests;

/// <summary>The audit's SQLite scans read the same values as an ADO.NET reader, straight from SQLite's library.</summary>
public sealed class SqliteScanTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-scan-").FullName;

    [Fact]
    public void OnLinux_ColumnsAreReadStraightFromSqlitePclsLibrary()
    {
        Assert.Equal(OperatingSystem.IsLinux(), SqliteScan.ReadsDirectly);
    }

    [Fact]
    public void Scan_ReadsIntegersNullsTextAndBlobs_AsStored()
    {
        var path = Path.Combine(_folder, "scan.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE t (id INTEGER, name TEXT, data BLOB, maybe INTEGER);
                INSERT INTO t VALUES (-9007199254740993, 'cgm-0001', x'00ff10', NULL);
                INSERT INTO t VALUES (2, 'cgm-0001', x'', 7);
                INSERT INTO t VALUES (3, 'ωx-2', zeroblob(5000), NULL);
                """;
            command.ExecuteNonQuery();
        }

        var rows = new List<(long Id, string Name, byte[] Data, bool Null)>();
        using (var scan = new SqliteScan(path, 1000, "SELECT id, name, data, maybe FROM t ORDER BY rowid;", withoutMutex: true))
        {
            while (scan.Read())
            {
                rows.Add((scan.Long(0), scan.Text(1), scan.Blob(2).ToArray(), scan.IsNull(3)));
            }
        }

        Assert.Equal([-9007199254740993L, 2L, 3L], rows.Select(r => r.Id));
        Assert.Equal(["cgm-0001", "cgm-0001", "ωx-2"], rows.Select(r => r.Name));
        Assert.Same(rows[0].Name, rows[1].Name);
        Assert.Equal([0, 0xff, 0x10], rows[0].Data);
        Assert.Empty(rows[1].Data);
        Assert.Equal(new byte[5000], rows[2].Data);
        Assert.Equal([true, false, true], rows.Select(r => r.Null));
    }

    [Fact]
    public void Scan_NotAQuery_FailsWithSqlitesMessage()
    {
        var path = Path.Combine(_folder, "empty.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
        }

        var failure = Assert.Throws<SqliteException>(() => new SqliteScan(path, 1000, "SELECT x FROM nowhere;", withoutMutex: true));

        Assert.Contains("no such table", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

using System.Globalization;
using CsCheck;
using Microsoft.Data.Sqlite;
using Vigil.Record.Sqlite;
using Vigil.Record.Storage;

namespace Vigil.Record.Tests;

/// <summary>
/// The audit's SQLite scans read the same values on their fast paths as on the plain ones: the
/// statement's columns read straight from SQLite's library as through Microsoft.Data.Sqlite's
/// reader, and a connection without SQLite's mutex as one in its default mode. Rows hold every
/// kind of value the audit reads (integers, text, blobs, NULLs), and a column holding any of them,
/// as a column edited behind Vigil's back can.
/// </summary>
public sealed class ScanPathTests : IDisposable
{
    private const string Query = "SELECT n, m, s, z, b, a FROM t ORDER BY rowid;";

    private static readonly Gen<object?> AnyValue = Gen.OneOf(
        Gen.Long.Select(v => (object)v),
        Gen.String[0, 40].Select(v => (object)v),
        Gen.Byte.Array[0, 100].Select(v => (object)v)).Null(0.25);

    private static readonly Gen<Row> Rows = Gen.Select(
        Gen.Long, Gen.Long.Nullable(), Gen.String[0, 60], Gen.String[0, 20].Null(),
        Gen.Frequency((8, Gen.Byte.Array[0, 400]), (1, Gen.Byte.Array[10_000, 100_000])), AnyValue,
        (n, m, s, z, b, a) => new Row(n, m, s, z, b, a));

    // One table per test, refilled for each sample: the samples run one at a time.
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-scan-paths-").FullName;

    [Fact]
    public async Task DirectColumns_AnyRows_ReadAsTheDataReadersGetters()
    {
        Assert.SkipUnless(SqliteScan.ReadsDirectly, "SQLite's columns cannot be read directly here.");
        var path = Table("columns.db");
        using var database = new SqliteDatabase(path);

        await Rows.List[0, 30].SampleAsync(async rows =>
        {
            Fill(path, rows);

            var plain = await ReadAllAsync(await ReaderScan.StartAsync(database.Open(), Query, TestContext.Current.CancellationToken));
            var fast = await ReadAllAsync(new SqliteScan(path, 1000, Query, withoutMutex: false));

            Assert.Equal(rows.Count, plain.Count);
            Assert.Equal(plain, fast);
        }, threads: 1);
    }

    [Fact]
    public async Task ConnectionWithoutMutex_AnyRows_ReadsAsTheDefaultMode()
    {
        Assert.SkipUnless(SqliteScan.ReadsDirectly, "SQLite's columns cannot be read directly here.");
        var path = Table("mutex.db");

        await Rows.List[0, 30].SampleAsync(async rows =>
        {
            Fill(path, rows);

            var plain = await ReadAllAsync(new SqliteScan(path, 1000, Query, withoutMutex: false));
            var fast = await ReadAllAsync(new SqliteScan(path, 1000, Query, withoutMutex: true));

            Assert.Equal(rows.Count, plain.Count);
            Assert.Equal(plain, fast);
        }, threads: 1);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Table(string name)
    {
        var path = Path.Combine(_folder, name);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (n INTEGER NOT NULL, m INTEGER, s TEXT NOT NULL, z TEXT, b BLOB NOT NULL, a);";
        command.ExecuteNonQuery();
        return path;
    }

    private static void Fill(string path, IReadOnlyList<Row> rows)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var clear = connection.CreateCommand();
        clear.CommandText = "DELETE FROM t;";
        clear.ExecuteNonQuery();
        foreach (var row in rows)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t VALUES ($n, $m, $s, $z, $b, $a);";
            insert.Parameters.AddWithValue("$n", row.N);
            insert.Parameters.AddWithValue("$m", (object?)row.M ?? DBNull.Value);
            insert.Parameters.AddWithValue("$s", row.S);
            insert.Parameters.AddWithValue("$z", (object?)row.Z ?? DBNull.Value);
            insert.Parameters.AddWithValue("$b", row.B);
            insert.Parameters.AddWithValue("$a", row.A ?? DBNull.Value);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    // Every column as the audit reads its kind: integers, nullable integers, text, nullable text,
    // blobs; the column of any value as an integer, as text and as a blob.
    private static async Task<List<string>> ReadAllAsync(RowScan scan)
    {
        var rows = new List<string>();
        await using (scan)
        {
            while (await scan.ReadAsync(TestContext.Current.CancellationToken))
            {
                var any = scan.IsNull(5) ? "null" : string.Create(CultureInfo.InvariantCulture, $"{scan.Long(5)} {scan.Text(5)} {Convert.ToHexString(scan.Blob(5))}");
                rows.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{scan.Long(0)}|{(scan.IsNull(1) ? "null" : scan.Long(1))}|{scan.Text(2)}|{scan.TextOrNull(3) ?? "null"}|{Convert.ToHexString(scan.Blob(4))}|{any}"));
            }
        }

        return rows;
    }

    private sealed record Row(long N, long? M, string S, string? Z, byte[] B, object? A);
}

using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Vigil.Record.Storage;

namespace Vigil.Record.Benchmarks.Sqlite;

/// <summary>
/// A SQLite file holding a table of the audit's batches' shape (text, integers, blobs of the
/// record's sizes, nullable columns), read the way the audit reads it.
/// </summary>
internal sealed class BatchTable : IDisposable
{
    /// <summary>The audit's query of the batches, over this table.</summary>
    public const string Query = """
        SELECT device_id, sequence, received_at, patient_id, envelope_sha256, sealed_batch, reading_count, ledger_idx,
               created_at, source, session_id, session_start, firmware_digest, quarantined, leaf_version
        FROM batches ORDER BY device_id, sequence;
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-bench-scan-").FullName;

    public BatchTable(int rows)
    {
        Path = System.IO.Path.Combine(_folder, "scan.db");
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var create = connection.CreateCommand();
        create.CommandText = """
            CREATE TABLE batches (
              device_id TEXT NOT NULL, sequence INTEGER NOT NULL, received_at INTEGER NOT NULL, patient_id TEXT,
              envelope_sha256 BLOB NOT NULL, sealed_batch BLOB NOT NULL, reading_count INTEGER NOT NULL, ledger_idx INTEGER,
              created_at INTEGER NOT NULL, source TEXT NOT NULL, session_id BLOB NOT NULL, session_start INTEGER,
              firmware_digest BLOB NOT NULL, quarantined INTEGER NOT NULL, leaf_version INTEGER,
              PRIMARY KEY (device_id, sequence));
            """;
        create.ExecuteNonQuery();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO batches VALUES ($d, $s, $r, $p, $e, $b, 2, $i, $r, $src, $sid, $start, $fw, 0, $v);";
        var sealedBatch = RandomNumberGenerator.GetBytes(350);
        for (var i = 0; i < rows; i++)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$d", $"cgm-{i / 100:D4}");
            insert.Parameters.AddWithValue("$s", i % 100);
            insert.Parameters.AddWithValue("$r", 1_790_000_000_000L + i);
            insert.Parameters.AddWithValue("$p", i % 10 == 0 ? DBNull.Value : $"p-{i / 100:D4}");
            insert.Parameters.AddWithValue("$e", RandomNumberGenerator.GetBytes(32));
            insert.Parameters.AddWithValue("$b", sealedBatch);
            insert.Parameters.AddWithValue("$i", i % 10 == 0 ? DBNull.Value : i);
            insert.Parameters.AddWithValue("$src", $"device:cgm-{i / 100:D4}");
            insert.Parameters.AddWithValue("$sid", RandomNumberGenerator.GetBytes(16));
            insert.Parameters.AddWithValue("$start", i % 3 == 0 ? DBNull.Value : 1_789_000_000_000L);
            insert.Parameters.AddWithValue("$fw", RandomNumberGenerator.GetBytes(32));
            insert.Parameters.AddWithValue("$v", i % 2 == 0 ? DBNull.Value : 3);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Reads every column of every row as the audit does; returns a sum over them, so that nothing read is left unused.</summary>
    public static async Task<long> ReadAllAsync(RowScan scan)
    {
        long sum = 0;
        await using (scan)
        {
            while (await scan.ReadAsync(CancellationToken.None))
            {
                sum += Row(scan);
            }
        }

        return sum;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static long Row(RowScan scan) =>
        scan.Text(0).Length + scan.Long(1) + scan.Long(2) + (scan.TextOrNull(3)?.Length ?? 0) + scan.Blob(4).Length + scan.Blob(5)[0]
        + scan.Int(6) + (scan.IsNull(7) ? 0 : scan.Long(7)) + scan.Long(8) + scan.Text(9).Length + scan.Blob(10).Length
        + (scan.IsNull(11) ? 0 : scan.Long(11)) + scan.Blob(12).Length + scan.Long(13) + (scan.IsNull(14) ? 0 : scan.Long(14));
}

using BenchmarkDotNet.Attributes;
using Vigil.Record.Sqlite;
using Vigil.Record.Storage;

namespace Vigil.Record.Benchmarks.Sqlite;

/// <summary>
/// The audit's scan of 10,000 batches, every column read: through Microsoft.Data.Sqlite's
/// reader and its getters (the plain path), and through the prepared statement with SQLite's
/// column functions called straight (<see cref="SqliteScan"/>, the fast path), both on a
/// connection in SQLite's default (serialized) mode.
/// </summary>
[MemoryDiagnoser]
public class ColumnReadBenchmarks
{
    private const int Rows = 10_000;
    private BatchTable _table = null!;
    private SqliteDatabase _database = null!;

    [GlobalSetup]
    public void Setup()
    {
        if (!SqliteScan.ReadsDirectly)
        {
            throw new InvalidOperationException("SQLite's columns cannot be read directly here: there is no fast path to measure.");
        }

        _table = new BatchTable(Rows);
        _database = new SqliteDatabase(_table.Path);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _database.Dispose();
        _table.Dispose();
    }

    /// <summary>The plain path: a pooled connection and its data reader's getters.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> DataReader() => await BatchTable.ReadAllAsync(await ReaderScan.StartAsync(_database.Open(), BatchTable.Query, CancellationToken.None));

    /// <summary>The fast path: the statement's columns read straight from SQLite's library.</summary>
    [Benchmark]
    public Task<long> DirectColumns() => BatchTable.ReadAllAsync(new SqliteScan(_table.Path, 1000, BatchTable.Query, withoutMutex: false));
}

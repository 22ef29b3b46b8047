using BenchmarkDotNet.Attributes;
using Vigil.Record.Sqlite;

namespace Vigil.Record.Benchmarks.Sqlite;

/// <summary>
/// The audit's scan of 10,000 batches through <see cref="SqliteScan"/>, on a connection in
/// SQLite's default (serialized) mode, whose mutex every column read takes (the plain path), and
/// on one opened without it (the fast path).
/// </summary>
[MemoryDiagnoser]
public class ConnectionModeBenchmarks
{
    private const int Rows = 10_000;
    private BatchTable _table = null!;

    [GlobalSetup]
    public void Setup()
    {
        if (!SqliteScan.ReadsDirectly)
        {
            throw new InvalidOperationException("SQLite's columns cannot be read directly here: there is no scan to measure.");
        }

        _table = new BatchTable(Rows);
    }

    [GlobalCleanup]
    public void Cleanup() => _table.Dispose();

    /// <summary>The plain path: a connection in SQLite's default mode.</summary>
    [Benchmark(Baseline = true)]
    public Task<long> DefaultMode() => BatchTable.ReadAllAsync(new SqliteScan(_table.Path, 1000, BatchTable.Query, withoutMutex: false));

    /// <summary>The fast path: a connection without SQLite's mutex.</summary>
    [Benchmark]
    public Task<long> WithoutMutex() => BatchTable.ReadAllAsync(new SqliteScan(_table.Path, 1000, BatchTable.Query, withoutMutex: true));
}

using Vigil.Record.Batches;
using Vigil.Record.Clinical;
using Vigil.Record.Events;
using Vigil.Record.Ledger;
using Vigil.Record.Readings;
using Vigil.Record.Registry;
using Vigil.Record.Trust;

namespace Vigil.Record.Sqlite;

/// <summary>
/// The embedded record: one SQLite database (WAL, full synchronous) holding the registry, the
/// accepted batches with their replay windows, and the security events. Opening migrates the
/// schema. Other processes (the CLI) may read and change the registry while a server runs.
/// </summary>
public sealed class SqliteRecord : IAsyncDisposable
{
    private readonly GroupCommitter _committer;

    private SqliteRecord(SqliteConnections connections)
    {
        _committer = new GroupCommitter(connections);
        Registry = new SqliteRegistry(connections);
        Batches = new SqliteBatchStore(connections, _committer);
        Events = new SqliteEventLog(connections, _committer);
        Readings = new SqliteReadingStore(connections);
        Trust = new SqliteTrustStore(connections);
        Clinical = new SqliteClinicalStore(connections);
        Ledger = new SqliteLedger(connections);
        Audit = new SqliteAuditSource(connections);
    }

    /// <summary>The tamper-evident ledger and its checkpoints.</summary>
    public ILedger Ledger { get; }

    /// <summary>The record as the auditor rebuilds ledger leaves from it.</summary>
    public IAuditSource Audit { get; }

    /// <summary>Stored readings and their verdicts.</summary>
    public IReadingStore Readings { get; }

    /// <summary>Device flags, known-good firmware, incidents and recalls.</summary>
    public ITrustStore Trust { get; }

    /// <summary>Alerts, reference measurements and thresholds.</summary>
    public IClinicalStore Clinical { get; }

    /// <summary>The registry.</summary>
    public IRegistry Registry { get; }

    /// <summary>The batch store.</summary>
    public IBatchStore Batches { get; }

    /// <summary>The security event log.</summary>
    public IEventLog Events { get; }

    /// <summary>Transactions the group committer has committed.</summary>
    public long GroupCommits => _committer.Commits;

    /// <summary>Opens (creating and migrating as needed) the record in a database file.</summary>
    public static SqliteRecord Open(string path)
    {
        var connections = new SqliteConnections(path);
        using (var connection = connections.Open())
        {
            SqliteSchema.Migrate(connection);
        }

        return new SqliteRecord(connections);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _committer.DisposeAsync();
}

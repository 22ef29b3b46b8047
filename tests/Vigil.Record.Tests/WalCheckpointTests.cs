using Microsoft.Data.Sqlite;
using Vigil.Record.Sqlite;
using Vigil.Record.Storage;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests;

public sealed class WalCheckpointTests
{
    [Fact]
    public async Task Commits_TheBackgroundCheckpointerCopiesTheWholeLogIntoTheDatabaseFile()
    {
        await using var fixture = new RecordFixture(StoreKind.Sqlite);
        var database = (SqliteDatabase)fixture.Record.Database;
        for (ulong s = 1; s <= 50; s++)
        {
            await fixture.Record.Batches.CommitAsync(RecordFixture.Batch("cgm-1", s), TestContext.Current.CancellationToken);
        }

        // Far fewer frames than SQLite's automatic threshold (1000): only the checkpointer copies them.
        await Eventually.TrueAsync(() => database.Checkpoints > 0 && Backlog(database.Path) == 0, "the log copied into the database file", TimeSpan.FromSeconds(20));
        Assert.Equal(50, await fixture.Record.Batches.CountBatchesAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SteadyCommits_TheWriterRestartsTheLogSoThatItStaysBounded()
    {
        await using var fixture = new RecordFixture(StoreKind.Sqlite);
        var database = (SqliteDatabase)fixture.Record.Database;
        var wal = database.Path + "-wal";
        ulong sequence = 0;

        // One commit after another, each its own group, until the log has been restarted twice (bounded).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (database.Restarts < 2 && DateTime.UtcNow < deadline)
        {
            await fixture.Record.Batches.CommitAsync(RecordFixture.Batch("cgm-1", ++sequence), TestContext.Current.CancellationToken);
        }

        Assert.True(database.Restarts >= 2, $"the log was restarted {database.Restarts} times in {sequence} commits");
        Assert.InRange(new FileInfo(wal).Length, 1, 3 * SqliteCheckpointer.RestartBytes);
        Assert.Equal((long)sequence, await fixture.Record.Batches.CountBatchesAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WriterConnection_LeavesCheckpointsToTheCheckpointer()
    {
        await using var fixture = new RecordFixture(StoreKind.Sqlite);
        var database = (SqliteDatabase)fixture.Record.Database;

        await using var writer = database.OpenWriter();
        await using var reader = database.Open();

        Assert.Equal(0L, Sql.ScalarLong(writer, null, "PRAGMA wal_autocheckpoint;"));
        Assert.Equal(1000L, Sql.ScalarLong(reader, null, "PRAGMA wal_autocheckpoint;"));
    }

    [Fact]
    public async Task PooledWriterConnection_OpensAgainWithAutomaticCheckpoints()
    {
        await using var fixture = new RecordFixture(StoreKind.Sqlite);
        var database = (SqliteDatabase)fixture.Record.Database;
        var writers = Enumerable.Range(0, 4).Select(_ => database.OpenWriter()).ToList();
        foreach (var writer in writers)
        {
            await writer.DisposeAsync();
        }

        // The pool hands the same connections out again: each must have SQLite's default back.
        var reopened = Enumerable.Range(0, 4).Select(_ => database.Open()).ToList();
        try
        {
            Assert.All(reopened, c => Assert.Equal(1000L, Sql.ScalarLong(c, null, "PRAGMA wal_autocheckpoint;")));
        }
        finally
        {
            reopened.ForEach(c => c.Dispose());
        }
    }

    // Frames in the log not yet copied into the database file (0 when the log is empty or copied).
    private static long Backlog(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(NOOP);";
        using var result = command.ExecuteReader();
        result.Read();
        return result.GetInt64(1) - result.GetInt64(2);
    }
}

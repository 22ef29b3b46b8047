using Vigil.Record.Ledger;

namespace Vigil.Record.Storage;

/// <summary>The ledger's reads and checkpoints; entries are written by the group committer.</summary>
internal sealed class SqlLedger(RecordDatabase database) : ILedger
{
    public (long Size, byte[] Root) Head()
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, "SELECT frontier FROM ledger_state WHERE id = 1;");
        var frontier = MerkleFrontier.FromStored(command.ExecuteScalar() as byte[]);
        return (frontier.Size, frontier.Root());
    }

    public IReadOnlyList<LedgerEntry> Entries(long from, int count)
    {
        using var connection = database.Open();
        return Sql.Query(
            connection, null, "SELECT idx, kind, subject, leaf FROM ledger WHERE idx >= @from ORDER BY idx LIMIT @count;", Read, ("@from", from), ("@count", count));
    }

    public LedgerEntry? Find(string kind, string subject)
    {
        // The ledger has no index by subject (one less index to write with every batch): the row
        // it names keeps its entry's index, and the entry must name it back.
        string sql;
        (string, object?)[] parameters;
        if (kind == LedgerLeaf.BatchKind && LedgerLeaf.TryParseBatchSubject(subject, out var device, out var sequence))
        {
            sql = "SELECT ledger_idx FROM batches WHERE device_id = @a AND sequence = @b;";
            parameters = [("@a", device), ("@b", Sql.Stored(sequence))];
        }
        else if (kind == LedgerLeaf.AccessKind && LedgerLeaf.TryParseAccessSubject(subject, out var id))
        {
            sql = "SELECT ledger_idx FROM access_log WHERE id = @a;";
            parameters = [("@a", id)];
        }
        else if (kind == LedgerLeaf.VerdictKind && LedgerLeaf.TryParseVerdictSubject(subject, out var reading, out var at, out var index, out var version))
        {
            sql = """
                SELECT verdict_ledger_idx FROM readings WHERE device_id = @a AND sequence = @b AND idx = @c AND verdict_version = @v
                UNION ALL
                SELECT ledger_idx FROM verdict_history WHERE device_id = @a AND sequence = @b AND idx = @c AND version = @v;
                """;
            parameters = [("@a", reading), ("@b", Sql.Stored(at)), ("@c", index), ("@v", version)];
        }
        else
        {
            return null;
        }

        using var connection = database.Open();
        using var command = Sql.Command(connection, sql, parameters);
        return command.ExecuteScalar() is { } idx and not DBNull
            ? Sql.Query(
                connection, null, "SELECT idx, kind, subject, leaf FROM ledger WHERE idx = @idx AND kind = @kind AND subject = @subject;", Read,
                ("@idx", Convert.ToInt64(idx, System.Globalization.CultureInfo.InvariantCulture)), ("@kind", kind), ("@subject", subject)).SingleOrDefault()
            : null;
    }

    public IReadOnlyList<byte[]> LeafHashes(long from, long to)
    {
        using var connection = database.Open();
        return Sql.Query(
            connection, null, "SELECT leaf FROM ledger WHERE idx >= @from AND idx < @to ORDER BY idx;", r => MerkleHash.Leaf(r.Bytes(0)), ("@from", from), ("@to", to));
    }

    public IReadOnlyList<byte[]?> BlockHashes(long count)
    {
        using var connection = database.Open();
        var blocks = new byte[]?[count];
        foreach (var (idx, hash) in Sql.Query(connection, null, "SELECT idx, hash FROM ledger_blocks WHERE idx < @count;", r => (r.Long(0), r.Bytes(1)), ("@count", count)))
        {
            blocks[idx] = hash.Length == MerkleHash.Length ? hash : null;
        }

        return blocks;
    }

    public void AddCheckpoint(StoredCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        using var connection = database.Open();
        Sql.Execute(
            connection, null, "INSERT INTO checkpoints (size, note, signed_at) VALUES (@size, @note, @at) ON CONFLICT DO NOTHING;",
            ("@size", checkpoint.Size), ("@note", checkpoint.Note), ("@at", Sql.Ms(checkpoint.SignedAt)));
    }

    public IReadOnlyList<StoredCheckpoint> Checkpoints()
    {
        using var connection = database.Open();
        return Sql.Query(connection, null, "SELECT size, note, signed_at FROM checkpoints ORDER BY size;", r => new StoredCheckpoint(r.Long(0), r.GetString(1), r.Time(2)));
    }

    private static LedgerEntry Read(System.Data.Common.DbDataReader r) => new(r.Long(0), r.GetString(1), r.GetString(2), r.Bytes(3));
}

using Microsoft.Data.Sqlite;
using Vigil.Record.Ledger;

namespace Vigil.Record.Sqlite;

/// <summary>The ledger's reads and checkpoints in SQLite; entries are written by the group committer.</summary>
internal sealed class SqliteLedger(SqliteConnections connections) : ILedger
{
    public (long Size, byte[] Root) Head()
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(connection, "SELECT frontier FROM ledger_state WHERE id = 1;");
        var frontier = MerkleFrontier.FromStored(command.ExecuteScalar() as byte[]);
        return (frontier.Size, frontier.Root());
    }

    public IReadOnlyList<LedgerEntry> Entries(long from, int count)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection, "SELECT idx, kind, subject, leaf FROM ledger WHERE idx >= $from ORDER BY idx LIMIT $count;", ("$from", from), ("$count", count));
        return Read(command);
    }

    public LedgerEntry? Find(string kind, string subject)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection, "SELECT idx, kind, subject, leaf FROM ledger WHERE kind = $kind AND subject = $subject;", ("$kind", kind), ("$subject", subject));
        return Read(command).SingleOrDefault();
    }

    public IReadOnlyList<byte[]> LeafHashes(long size)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(connection, "SELECT leaf FROM ledger WHERE idx < $size ORDER BY idx;", ("$size", size));
        using var reader = command.ExecuteReader();
        var hashes = new List<byte[]>();
        while (reader.Read())
        {
            hashes.Add(MerkleHash.Leaf((byte[])reader[0]));
        }

        return hashes;
    }

    public void AddCheckpoint(StoredCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection, "INSERT INTO checkpoints (size, note, signed_at) VALUES ($size, $note, $at) ON CONFLICT DO NOTHING;",
            ("$size", checkpoint.Size), ("$note", checkpoint.Note), ("$at", checkpoint.SignedAt.ToUnixTimeMilliseconds()));
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<StoredCheckpoint> Checkpoints()
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(connection, "SELECT size, note, signed_at FROM checkpoints ORDER BY size;");
        using var reader = command.ExecuteReader();
        var list = new List<StoredCheckpoint>();
        while (reader.Read())
        {
            list.Add(new StoredCheckpoint(reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }

        return list;
    }

    private static List<LedgerEntry> Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var list = new List<LedgerEntry>();
        while (reader.Read())
        {
            list.Add(new LedgerEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (byte[])reader[3]));
        }

        return list;
    }
}

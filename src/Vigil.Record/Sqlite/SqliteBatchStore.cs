using Vigil.Domain.Devices;
using Vigil.Record.Batches;

namespace Vigil.Record.Sqlite;

/// <summary>Batches in SQLite: writes through the group committer, reads on their own connections.</summary>
internal sealed class SqliteBatchStore(SqliteConnections connections, GroupCommitter committer) : IBatchStore
{
    public Task<CommitOutcome> CommitAsync(AcceptedBatch batch, CancellationToken cancellationToken = default) =>
        committer.CommitAsync(batch, cancellationToken);

    public IReadOnlyList<ulong> RecentSequences(DeviceId device, int count)
    {
        // Sequence numbers are stored by bit pattern, so those above 2^63 would sort last here;
        // no device counts that far, and the device actor asks the record about any number its
        // window cannot place.
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection, "SELECT sequence FROM batches WHERE device_id = $d ORDER BY sequence DESC LIMIT $n;", ("$d", device.Value), ("$n", count));
        using var reader = command.ExecuteReader();
        var sequences = new List<ulong>();
        while (reader.Read())
        {
            sequences.Add(unchecked((ulong)reader.GetInt64(0)));
        }

        sequences.Reverse();
        return sequences;
    }

    public StoredBatch? FindBatch(DeviceId device, ulong sequence)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection,
            "SELECT created_at, received_at, source, envelope_sha256, signed_batch, reading_count, quarantined FROM batches WHERE device_id = $d AND sequence = $s;",
            ("$d", device.Value), ("$s", unchecked((long)sequence)));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new StoredBatch(
                device, sequence,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetString(2), (byte[])reader.GetValue(3), (byte[])reader.GetValue(4), reader.GetInt32(5), reader.GetInt32(6) != 0)
            : null;
    }

    public long CountBatches(DeviceId? device = null)
    {
        using var connection = connections.Open();
        using var command = device is { } d
            ? SqliteConnections.Command(connection, "SELECT count(*) FROM batches WHERE device_id = $d;", ("$d", d.Value))
            : SqliteConnections.Command(connection, "SELECT count(*) FROM batches;");
        return (long)command.ExecuteScalar()!;
    }

    public IReadOnlyList<ulong> ListSequences(DeviceId device)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(connection, "SELECT sequence FROM batches WHERE device_id = $d;", ("$d", device.Value));
        using var reader = command.ExecuteReader();
        var sequences = new List<ulong>();
        while (reader.Read())
        {
            sequences.Add(unchecked((ulong)reader.GetInt64(0)));
        }

        sequences.Sort();
        return sequences;
    }
}

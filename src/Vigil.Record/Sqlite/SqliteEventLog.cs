using Vigil.Domain.Security;
using Vigil.Record.Events;

namespace Vigil.Record.Sqlite;

/// <summary>Security events in SQLite, written through the group committer.</summary>
internal sealed class SqliteEventLog(SqliteConnections connections, GroupCommitter committer) : IEventLog
{
    public Task AppendAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default) =>
        committer.AppendAsync(securityEvent, cancellationToken);

    public IReadOnlyList<SecurityEvent> List(EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(
            connection,
            """
            SELECT id, at, code, principal, source, device_id, detail FROM security_events
            WHERE ($code IS NULL OR code = $code) AND ($device IS NULL OR device_id = $device) AND ($since IS NULL OR at >= $since)
            ORDER BY id DESC LIMIT $limit;
            """,
            ("$code", query.Code), ("$device", query.DeviceId), ("$since", query.Since?.ToUnixTimeMilliseconds()), ("$limit", query.Limit));
        using var reader = command.ExecuteReader();
        var events = new List<SecurityEvent>();
        while (reader.Read())
        {
            events.Add(new SecurityEvent(
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6))
            { Id = reader.GetInt64(0) });
        }

        return events;
    }

    public long Count(string? code = null)
    {
        using var connection = connections.Open();
        using var command = SqliteConnections.Command(connection, "SELECT count(*) FROM security_events WHERE $code IS NULL OR code = $code;", ("$code", code));
        return (long)command.ExecuteScalar()!;
    }
}

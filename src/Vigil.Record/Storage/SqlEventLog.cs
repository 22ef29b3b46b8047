using Vigil.Domain.Security;
using Vigil.Record.Events;

namespace Vigil.Record.Storage;

/// <summary>Security events, written through the group committer.</summary>
internal sealed class SqlEventLog(RecordDatabase database, GroupCommitter committer) : IEventLog
{
    public Task AppendAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default) =>
        committer.AppendAsync(securityEvent, cancellationToken);

    public IReadOnlyList<SecurityEvent> List(EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new Filter();
        where.Add("code = @code", "@code", query.Code);
        where.Add("device_id = @device", "@device", query.DeviceId);
        where.Add("at >= @since", "@since", query.Since is { } since ? Sql.Ms(since) : null);
        using var connection = database.Open();
        return Sql.Query(
            connection, null,
            $"SELECT id, at, code, principal, source, device_id, detail, count FROM security_events {where} ORDER BY id DESC LIMIT @limit;",
            r => new SecurityEvent(r.Time(1), r.GetString(2), r.GetString(3), r.GetString(4), r.TextOrNull(5), r.GetString(6)) { Id = r.Long(0), Count = r.Int(7) },
            [.. where.Parameters, ("@limit", query.Limit)]);
    }

    public long Count(string? code = null)
    {
        using var connection = database.Open();
        return code is null
            ? Sql.ScalarLong(connection, null, "SELECT coalesce(sum(count), 0) FROM security_events;")
            : Sql.ScalarLong(connection, null, "SELECT coalesce(sum(count), 0) FROM security_events WHERE code = @code;", ("@code", code));
    }

    public IReadOnlyDictionary<string, long> Totals()
    {
        using var connection = database.Open();
        return Sql.Query(connection, null, "SELECT code, sum(count) FROM security_events GROUP BY code ORDER BY code;", r => (Code: r.GetString(0), Total: r.Long(1)))
            .ToDictionary(t => t.Code, t => t.Total, StringComparer.Ordinal);
    }
}

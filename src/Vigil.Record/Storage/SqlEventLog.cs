using Vigil.Domain.Security;
using Vigil.Record.Events;

namespace Vigil.Record.Storage;

/// <summary>Security events, written through the group committer.</summary>
internal sealed class SqlEventLog(RecordDatabase database, GroupCommitter committer) : IEventLog
{
    public Task AppendAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default) =>
        committer.AppendAsync(securityEvent, cancellationToken);

    public async Task<IReadOnlyList<SecurityEvent>> ListAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new Filter();
        where.Add("code = @code", "@code", query.Code);
        where.Add("device_id = @device", "@device", query.DeviceId);
        where.Add("at >= @since", "@since", query.Since is { } since ? Sql.Ms(since) : null);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.QueryAsync(
            connection, null,
            $"SELECT id, at, code, principal, source, device_id, detail, count FROM security_events {where} ORDER BY id DESC LIMIT @limit;",
            r => new SecurityEvent(r.Time(1), r.GetString(2), r.GetString(3), r.GetString(4), r.TextOrNull(5), r.GetString(6)) { Id = r.Long(0), Count = r.Int(7) }, cancellationToken,
            [.. where.Parameters, ("@limit", query.Limit)]);
    }

    public async Task<long> CountAsync(string? code = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return code is null
            ? await Sql.ScalarLongAsync(connection, null, "SELECT coalesce(sum(count), 0) FROM security_events;", cancellationToken)
            : await Sql.ScalarLongAsync(connection, null, "SELECT coalesce(sum(count), 0) FROM security_events WHERE code = @code;", cancellationToken, ("@code", code));
    }

    public async Task<IReadOnlyDictionary<string, long>> TotalsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var totals = await Sql.QueryAsync(connection, null, "SELECT code, sum(count) FROM security_events GROUP BY code ORDER BY code;", r => (Code: r.GetString(0), Total: r.Long(1)), cancellationToken);
        return totals.ToDictionary(t => t.Code, t => t.Total, StringComparer.Ordinal);
    }
}

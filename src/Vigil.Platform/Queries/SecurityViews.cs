using Vigil.Domain.Access;
using Vigil.Domain.Devices;
using Vigil.Domain.Security;
using Vigil.Record.Access;
using Vigil.Record.Events;
using Vigil.Record.Trust;

namespace Vigil.Platform.Queries;

/// <summary>
/// The security view's reading: security events, incidents, recalls with the devices they flagged,
/// and break-glass grants to review. Nothing here carries patient data; a grant's typed reason is
/// patient data, and whoever shows it records that access first.
/// </summary>
public sealed class SecurityViews(IEventLog events, ITrustStore trust, IAccessStore access)
{
    private const int TimelineEvents = 300;
    private const int TimelineIncidents = 100;

    /// <summary>Security events matching a query, newest first.</summary>
    public Task<IReadOnlyList<SecurityEvent>> EventsAsync(EventQuery query, CancellationToken cancellationToken = default) => events.ListAsync(query, cancellationToken);

    /// <summary>How many security events the log holds, of one code if given.</summary>
    public Task<long> EventCountAsync(string? code = null, CancellationToken cancellationToken = default) => events.CountAsync(code, cancellationToken);

    /// <summary>The refusals and suspicions counted by code over the whole log, as the <c>vigil.security.events</c> counter counts them.</summary>
    public Task<IReadOnlyDictionary<string, long>> EventTotalsAsync(CancellationToken cancellationToken = default) => events.TotalsAsync(cancellationToken);

    /// <summary>The number of the latest security event, or 0.</summary>
    public async Task<long> LatestEventAsync(CancellationToken cancellationToken = default) =>
        (await events.ListAsync(new EventQuery(Limit: 1), cancellationToken)).FirstOrDefault()?.Id ?? 0;

    /// <summary>Among the latest <paramref name="window"/> security events, those after number <paramref name="after"/>, oldest first.</summary>
    public async Task<IReadOnlyList<SecurityEvent>> EventsAfterAsync(long after, int window, CancellationToken cancellationToken = default) =>
        [.. (await events.ListAsync(new EventQuery(Limit: window), cancellationToken)).Where(e => e.Id > after).OrderBy(e => e.Id)];

    /// <summary>Incidents, newest first; of one device if given.</summary>
    public Task<IReadOnlyList<Incident>> IncidentsAsync(DeviceId? device = null, int limit = 200, CancellationToken cancellationToken = default) =>
        trust.IncidentsAsync(device, limit, cancellationToken);

    /// <summary>The number of the latest incident, or 0.</summary>
    public async Task<long> LatestIncidentAsync(CancellationToken cancellationToken = default) =>
        (await trust.IncidentsAsync(limit: 1, cancellationToken: cancellationToken)).FirstOrDefault()?.Id ?? 0;

    /// <summary>Among the latest <paramref name="window"/> incidents, those after number <paramref name="after"/>, oldest first.</summary>
    public async Task<IReadOnlyList<Incident>> IncidentsAfterAsync(long after, int window, CancellationToken cancellationToken = default) =>
        [.. (await trust.IncidentsAsync(limit: window, cancellationToken: cancellationToken)).Where(i => i.Id > after).OrderBy(i => i.Id)];

    /// <summary>
    /// The latest security events and incidents together, newest first, of one code or one device if
    /// given (blank means any). A code filter leaves incidents out, which have none; a device filter
    /// that is not a device id leaves incidents unfiltered.
    /// </summary>
    public async Task<IReadOnlyList<TimelineItem>> TimelineAsync(string? code, string? device, CancellationToken cancellationToken = default)
    {
        code = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        device = string.IsNullOrWhiteSpace(device) ? null : device.Trim();
        var items = (await events.ListAsync(new EventQuery(code, device, null, TimelineEvents), cancellationToken))
            .Select(e => new TimelineItem($"event-{e.Id}", "event", e.At, e.Code, e.DeviceId ?? e.Principal, e.Detail));
        if (code is null)
        {
            var of = device is not null && DeviceId.TryParse(device, out var d) ? d : (DeviceId?)null;
            items = items.Concat((await trust.IncidentsAsync(of, TimelineIncidents, cancellationToken))
                .Select(i => new TimelineItem($"incident-{i.Id}", "incident", i.OpenedAt, $"incident: {i.Kind.Code()}", i.Subject ?? i.DeviceId?.Value ?? "-", i.Detail)));
        }

        return [.. items.OrderByDescending(i => i.At)];
    }

    /// <summary>Every recall, newest first.</summary>
    public Task<IReadOnlyList<Recall>> RecallsAsync(CancellationToken cancellationToken = default) => trust.RecallsAsync(cancellationToken);

    /// <summary>The devices flagged by each reference (such as <c>recall 2</c>), their ids in ordinal order.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> FlaggedAsync(CancellationToken cancellationToken = default) =>
        (await trust.FlagsAsync(cancellationToken: cancellationToken))
            .GroupBy(f => f.Reference)
            .ToDictionary(g => g.Key, IReadOnlyList<string> (g) => [.. g.Select(f => f.DeviceId.Value).Order(StringComparer.Ordinal)]);

    /// <summary>The flags on devices, of one device if given.</summary>
    public Task<IReadOnlyList<DeviceFlag>> FlagsAsync(DeviceId? device = null, CancellationToken cancellationToken = default) => trust.FlagsAsync(device, cancellationToken);

    /// <summary>Who was shown or acted on whose data, newest first (each one a ledger entry).</summary>
    public Task<IReadOnlyList<AccessEntry>> AccessesAsync(AccessQuery query, CancellationToken cancellationToken = default) => access.AccessesAsync(query, cancellationToken);

    /// <summary>A break-glass grant with its review, or null.</summary>
    public Task<BreakGlassGrant?> BreakGlassGrantAsync(long id, CancellationToken cancellationToken = default) => access.FindBreakGlassAsync(id, cancellationToken);

    /// <summary>Break-glass grants newest first, only those not yet reviewed if asked.</summary>
    public Task<IReadOnlyList<BreakGlassGrant>> BreakGlassAsync(bool unreviewedOnly, CancellationToken cancellationToken = default) =>
        access.BreakGlassAsync(unreviewedOnly: unreviewedOnly, cancellationToken: cancellationToken);
}

using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Vigil.Domain.Access;
using Vigil.Platform.Live;
using Vigil.Record.Clinical;
using Vigil.Record.Events;
using Vigil.Record.Trust;
using Vigil.Server.Access;
using Vigil.Server.Http.Api;

namespace Vigil.Server.Http;

/// <summary>
/// <c>GET /api/v1/live</c>: the console's live updates as server-sent events, each under the
/// reader's role. A clinician receives the readings of the patients in their care (and under an
/// active break-glass grant) as they are stored, with their verdicts, and the patients' alert
/// counts after each; opening the stream is recorded in the ledger as a read of each of those
/// patients. Analysts and administrators receive security events and incidents as they are
/// recorded, and no patient data.
/// </summary>
public static class LiveEndpoints
{
    private static readonly TimeSpan SecurityPoll = TimeSpan.FromSeconds(1);

    /// <summary>Maps the live endpoint.</summary>
    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/live", (HttpContext context, IServiceProvider services) => context.User.Role() switch
        {
            StaffRole.Clinician => Results.ServerSentEvents(ClinicianAsync(context.User, services, context.RequestAborted)),
            StaffRole.Analyst or StaffRole.Admin => Results.ServerSentEvents(SecurityAsync(services, context.RequestAborted)),
            _ => ApiProblem.Of(StatusCodes.Status403Forbidden, "forbidden", "no live view for this role"),
        }).RequireAuthorization();
        return app;
    }

    private static async IAsyncEnumerable<SseItem<object>> ClinicianAsync(
        ClaimsPrincipal user, IServiceProvider services, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var gate = services.GetRequiredService<PatientGate>();
        var clinical = services.GetRequiredService<IClinicalStore>();
        var feed = services.GetRequiredService<LiveFeed>();
        using var subscription = feed.Subscribe();
        var visible = await gate.VisibleAsync(user);
        await gate.RecordAsync(user, visible, "patient.live", cancellationToken);
        yield return new SseItem<object>(new { patients = visible.Order(StringComparer.Ordinal).ToList() }, "watching");
        var lastAlerts = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var update in ReadAllOrEnd(subscription, cancellationToken))
        {
            if (!visible.Contains(update.PatientId))
            {
                continue;
            }

            var o = update.Observation;
            yield return new SseItem<object>(
                new
                {
                    patient = update.PatientId,
                    device = o.DeviceId.Value,
                    sequence = o.Sequence,
                    readings = o.Readings.Select(r => new
                    {
                        kind = r.Kind.ToString(), at = r.At, values = r.Values, unit = r.Unit, status = r.Verdict.Status.ToString(), reasons = r.Verdict.Reasons,
                    }),
                },
                "readings");

            // The patient's actor has seen these readings: its alerts are as they will be for them.
            var now = DateTimeOffset.UtcNow;
            if (!lastAlerts.TryGetValue(update.PatientId, out var last) || now - last > TimeSpan.FromSeconds(1))
            {
                lastAlerts[update.PatientId] = now;
                var alerts = await clinical.AlertsAsync(update.PatientId, activeOnly: true);
                yield return new SseItem<object>(
                    new { patient = update.PatientId, active = alerts.Count, unconfirmed = alerts.Count(a => a.Unconfirmed), latest = alerts.Take(5).Select(a => AlertView.Of(a, [])) },
                    "alerts");
            }
        }
    }

    private static async IAsyncEnumerable<SseItem<object>> SecurityAsync(IServiceProvider services, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = services.GetRequiredService<IEventLog>();
        var trust = services.GetRequiredService<ITrustStore>();
        var lastEvent = (await events.ListAsync(new EventQuery(Limit: 1))).FirstOrDefault()?.Id ?? 0;
        var lastIncident = (await trust.IncidentsAsync(limit: 1)).FirstOrDefault()?.Id ?? 0;
        yield return new SseItem<object>(new { lastEvent, lastIncident }, "watching");
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var e in (await events.ListAsync(new EventQuery(Limit: 200))).Where(e => e.Id > lastEvent).OrderBy(e => e.Id))
            {
                lastEvent = e.Id;
                yield return new SseItem<object>(e, "security");
            }

            foreach (var i in (await trust.IncidentsAsync(limit: 50)).Where(i => i.Id > lastIncident).OrderBy(i => i.Id))
            {
                lastIncident = i.Id;
                yield return new SseItem<object>(i, "incident");
            }

            try
            {
                await Task.Delay(SecurityPoll, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private static async IAsyncEnumerable<PatientUpdate> ReadAllOrEnd(LiveFeed.Subscription subscription, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            bool more;
            try
            {
                more = await subscription.Updates.WaitToReadAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            while (subscription.Updates.TryRead(out var update))
            {
                yield return update;
            }
        }
    }
}

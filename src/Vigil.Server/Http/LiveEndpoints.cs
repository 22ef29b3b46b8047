using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Vigil.Domain.Access;
using Vigil.Domain.Patients;
using Vigil.Platform.Live;
using Vigil.Platform.Queries;
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
internal static class LiveEndpoints
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
        var alertViews = services.GetRequiredService<AlertViews>();
        var feed = services.GetRequiredService<LiveFeed>();
        using var subscription = feed.Subscribe();
        var visible = await gate.VisibleAsync(user);
        await gate.RecordAsync(user, visible, "patient.live", cancellationToken);
        yield return new SseItem<object>(new { patients = visible.Select(p => p.Value).Order(StringComparer.Ordinal).ToList() }, "watching");
        var lastAlerts = new Dictionary<PatientId, DateTimeOffset>();
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
                var open = await alertViews.OpenAsync(update.PatientId);
                yield return new SseItem<object>(
                    new { patient = update.PatientId, active = open.Alerts.Count, unconfirmed = open.Unconfirmed, latest = open.Alerts.Take(5).Select(a => AlertView.Of(a, [])) },
                    "alerts");
            }
        }
    }

    private static async IAsyncEnumerable<SseItem<object>> SecurityAsync(IServiceProvider services, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var security = services.GetRequiredService<SecurityViews>();
        var lastEvent = await security.LatestEventAsync();
        var lastIncident = await security.LatestIncidentAsync();
        yield return new SseItem<object>(new { lastEvent, lastIncident }, "watching");
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var e in await security.EventsAfterAsync(lastEvent, 200))
            {
                lastEvent = e.Id;
                yield return new SseItem<object>(e, "security");
            }

            foreach (var i in await security.IncidentsAfterAsync(lastIncident, 50))
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

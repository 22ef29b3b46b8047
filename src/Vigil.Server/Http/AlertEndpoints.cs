using System.Security.Claims;
using Vigil.Domain.Clinical;
using Vigil.Domain.Patients;
using Vigil.Platform.Patients;
using Vigil.Platform.Queries;
using Vigil.Server.Access;
using Vigil.Server.Http.Api;

namespace Vigil.Server.Http;

/// <summary>
/// <c>/api/v1/alerts</c>: clinical and data-integrity alerts of the clinician's patients, and the
/// actions on them (acknowledge, confirm, escalate, dismiss) through the same workflow as the
/// CLI, so an alert on unverified data cannot be escalated before it is confirmed. The actor is
/// the signed-in clinician. An alert of a patient outside their care is 403, like the patient;
/// every read and action is in the ledger. Errors are problem+json.
/// </summary>
internal static class AlertEndpoints
{
    private const int MaxText = 1000;

    /// <summary>Maps the alert endpoints.</summary>
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/v1/alerts").RequireAuthorization(VigilAuthentication.Clinicians);
        alerts.MapGet("/", ListAsync);
        alerts.MapGet("/{id:long}", ShowAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);
        alerts.MapPost("/{id:long}/{action}", ActAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, PatientGate gate, AlertViews alerts, string? patient, bool? all, CancellationToken cancellationToken)
    {
        PatientId? asked = null;
        if (patient is not null)
        {
            if (!PatientId.TryParse(patient, out var parsed))
            {
                return PatientEndpoints.InvalidPatient();
            }

            asked = parsed;
        }

        var visible = await gate.VisibleAsync(user);
        if (asked is { } one && !visible.Contains(one))
        {
            // Through the gate, so the refusal is recorded like any other.
            await gate.OpenAsync(user, one, "alerts", "https", cancellationToken);
            return PatientEndpoints.NotInCare(one);
        }

        var shown = await alerts.OfPatientsAsync(asked is { } only ? [only] : visible.ToList(), activeOnly: all != true, cancellationToken);
        await gate.RecordAsync(user, shown.Select(a => a.PatientId).Distinct(), "alerts", cancellationToken);
        return Results.Ok(shown.Select(a => AlertView.Of(a, [])).ToList());
    }

    private static async Task<IResult> ShowAsync(long id, HttpContext context, PatientGate gate, AlertViews alerts)
    {
        if (await alerts.FindAsync(id) is not { } alert)
        {
            return ApiProblem.Of(StatusCodes.Status404NotFound, "alert-not-found", $"no alert {id}");
        }

        return await gate.OpenAsync(context.User, alert.PatientId, "alert", VigilAuthentication.Source(context), context.RequestAborted) is null
            ? PatientEndpoints.NotInCare(alert.PatientId)
            : Results.Ok(AlertView.Of(alert, await alerts.ActionsAsync(id)));
    }

    private static async Task<IResult> ActAsync(long id, string action, AlertActionRequest? body, HttpContext context, PatientGate gate, AlertViews alerts, AlertDesk desk)
    {
        if (!Enum.TryParse<AlertAction>(action, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(action, out _))
        {
            return ApiProblem.Of(StatusCodes.Status400BadRequest, "unknown-action", $"'{action}' is not one of acknowledge, confirm, escalate, dismiss");
        }

        if (body?.Note is { Length: > MaxText })
        {
            return ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid-body", $"the note is up to {MaxText} characters");
        }

        if (await alerts.FindAsync(id) is not { } alert)
        {
            return ApiProblem.Of(StatusCodes.Status404NotFound, "alert-not-found", $"no alert {id}");
        }

        var what = $"alert.{parsed.ToString().ToLowerInvariant()}";
        if (await gate.OpenAsync(context.User, alert.PatientId, what, VigilAuthentication.Source(context), context.RequestAborted) is null)
        {
            return PatientEndpoints.NotInCare(alert.PatientId);
        }

        var acted = await desk.ActAsync(id, parsed, context.User.UserId(), body?.Note ?? string.Empty);
        return acted.Refusal is { } refusal ? ApiProblem.Of(refusal) : Results.Ok(AlertView.Of(acted.Value!, await alerts.ActionsAsync(id)));
    }
}

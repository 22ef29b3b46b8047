using Vigil.Domain.Clinical;
using Vigil.Platform.Patients;
using Vigil.Record.Clinical;
using Vigil.Server.Http.Api;

namespace Vigil.Server.Http;

/// <summary>
/// <c>/api/v1/alerts</c>: clinical and data-integrity alerts, and the actions on them
/// (acknowledge, confirm, escalate, dismiss) through the same workflow as the CLI, so an alert on
/// unverified data cannot be escalated before it is confirmed. Bearer authentication with the
/// operator token; every error is problem+json.
/// </summary>
public static class AlertEndpoints
{
    private const int MaxText = 1000;

    /// <summary>Maps the alert endpoints.</summary>
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/v1/alerts").RequireAuthorization();
        alerts.MapGet("/", List);
        alerts.MapGet("/{id:long}", Show).ProducesProblem(StatusCodes.Status404NotFound);
        alerts.MapPost("/{id:long}/{action}", Act)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static IResult List(IClinicalStore clinical, string? patient, bool? all) =>
        Results.Ok(clinical.Alerts(patient, activeOnly: all != true).Select(a => AlertView.Of(a, [])).ToList());

    private static IResult Show(long id, IClinicalStore clinical) =>
        clinical.FindAlert(id) is { } alert
            ? Results.Ok(AlertView.Of(alert, clinical.Actions(id)))
            : ApiProblem.Of(StatusCodes.Status404NotFound, "alert-not-found", $"no alert {id}");

    private static IResult Act(long id, string action, AlertActionRequest? body, IClinicalStore clinical, AlertDesk desk)
    {
        if (!Enum.TryParse<AlertAction>(action, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(action, out _))
        {
            return ApiProblem.Of(StatusCodes.Status400BadRequest, "unknown-action", $"'{action}' is not one of acknowledge, confirm, escalate, dismiss");
        }

        if (body?.By is not { Length: > 0 and <= 200 } by || body.Note is { Length: > MaxText })
        {
            return ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid-body", "the body must be JSON with 'by' (who acts, up to 200 characters) and optionally 'note' (up to 1000)");
        }

        var outcome = desk.Act(id, parsed, by, body.Note ?? string.Empty);
        return outcome switch
        {
            { Alert: null } => ApiProblem.Of(StatusCodes.Status404NotFound, "alert-not-found", $"no alert {id}"),
            { Refusal: { } refusal } => ApiProblem.Of(StatusCodes.Status409Conflict, "action-refused", refusal),
            { Alert: { } alert } => Results.Ok(AlertView.Of(alert, clinical.Actions(id))),
        };
    }
}

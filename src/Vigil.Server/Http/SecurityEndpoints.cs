using System.Security.Claims;
using Vigil.Domain.Devices;
using Vigil.Platform.Access;
using Vigil.Platform.Devices;
using Vigil.Platform.Queries;
using Vigil.Platform.Verification;
using Vigil.Record.Events;
using Vigil.Server.Access;
using Vigil.Server.Http.Api;

namespace Vigil.Server.Http;

/// <summary>
/// The security view's API, for analysts (and administrators): the fleet with its trust state,
/// quarantine and revocation, security events, incidents, recalls, and break-glass grants to
/// review. Nothing here carries patient data: devices show whether they are bound, not to whom.
/// </summary>
internal static class SecurityEndpoints
{
    /// <summary>Maps the security endpoints.</summary>
    public static IEndpointRouteBuilder MapSecurityEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(VigilAuthentication.Analysts);
        api.MapGet("/devices", async (FleetViews fleet) => Results.Ok(await FleetAsync(fleet)));
        api.MapPost("/devices/{id}/{action}", SetStatusAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/events", async (SecurityViews security, string? code, string? device, DateTimeOffset? since, int? limit) =>
            Results.Ok(await security.EventsAsync(new EventQuery(code, device, since, Math.Clamp(limit ?? 200, 1, 5000)))));
        api.MapGet("/incidents", async (SecurityViews security, int? limit) => Results.Ok(await security.IncidentsAsync(limit: Math.Clamp(limit ?? 200, 1, 5000))));
        api.MapGet("/recalls", async (SecurityViews security) => Results.Ok(await security.RecallsAsync()));
        api.MapPost("/recalls", CreateRecallAsync).ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/break-glass", async (SecurityViews security, bool? all) => Results.Ok((await security.BreakGlassAsync(unreviewedOnly: all != true)).Select(g => new
        {
            g.Id, g.UserId, g.PatientId, g.OpenedAt, g.ExpiresAt, g.ReviewedBy, g.ReviewedAt, g.ReviewNote,
        })));
        api.MapPost("/break-glass/{id:long}/review", ReviewAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>The fleet as analysts see it.</summary>
    public static async Task<List<DeviceView>> FleetAsync(FleetViews fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        return [.. (await fleet.DevicesAsync()).Select(DeviceView.Of)];
    }

    private static async Task<IResult> SetStatusAsync(string id, string action, TextRequest? body, HttpContext context, DeviceAdministration devices)
    {
        var status = action switch
        {
            "quarantine" => DeviceStatus.Quarantined,
            "revoke" => DeviceStatus.Revoked,
            _ => (DeviceStatus?)null,
        };
        if (status is null)
        {
            return ApiProblem.Of(StatusCodes.Status400BadRequest, "unknown-action", $"'{action}' is not quarantine or revoke");
        }

        if (body?.Text?.Trim() is not { Length: > 0 and <= 1000 } reason)
        {
            return ApiProblem.Of(StatusCodes.Status400BadRequest, "reason-required", "the body must be JSON with 'text': why (up to 1000 characters)");
        }

        if (!DeviceId.TryParse(id, out var device))
        {
            return ApiProblem.Of(StatusCodes.Status404NotFound, "device-not-found", $"no enrolled device '{id}'");
        }

        var changed = await devices.SetStatusAsync(device, status.Value, reason, context.User.Actor(context));
        return changed.Refusal is { } refusal
            ? ApiProblem.Of(refusal)
            : Results.Ok(new { id, status = status.Value.ToString().ToLowerInvariant(), reason });
    }

    private static async Task<IResult> CreateRecallAsync(RecallRequest? body, ClaimsPrincipal user, RecallService recalls, TimeProvider time)
    {
        if (body?.Model is not { Length: > 0 and <= 100 } model || body.Since is not { } since || body.Reason?.Trim() is not { Length: > 0 and <= 1000 } reason)
        {
            return ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid-recall", "a recall needs 'model', 'since' and 'reason'; 'lots', 'serials' and 'firmware' narrow it");
        }

        var recall = await recalls.CreateAsync(
            new Recall(0, model, body.Lots ?? [], body.Serials ?? [], body.Firmware ?? [], since, reason, time.GetUtcNow()), user.UserId());
        return Results.Created($"/api/v1/recalls/{recall.Id}", recall);
    }

    private static async Task<IResult> ReviewAsync(long id, TextRequest? body, HttpContext context, BreakGlassReview review, SecurityViews security)
    {
        if (body?.Text?.Trim() is not { Length: > 0 and <= 1000 } note)
        {
            return ApiProblem.Of(StatusCodes.Status400BadRequest, "note-required", "the body must be JSON with 'text': the review's conclusion");
        }

        // Reading the typed reason is reading patient data: the review puts it into the ledger first.
        var reviewed = await review.ReviewAsync(id, note, context.User.Actor(context), context.RequestAborted);
        return reviewed.Refusal is { } refusal ? ApiProblem.Of(refusal) : Results.Ok(await security.BreakGlassGrantAsync(id, context.RequestAborted));
    }
}

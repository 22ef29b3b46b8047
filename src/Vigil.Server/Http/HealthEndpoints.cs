using Vigil.Platform.Queries;

namespace Vigil.Server.Http;

/// <summary><c>GET /api/v1/health</c>: liveness and a few counts, no patient data.</summary>
internal static class HealthEndpoints
{
    /// <summary>Maps the health endpoint.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/health", async (FleetViews fleet) =>
        {
            var counts = await fleet.CountsAsync();
            return Results.Ok(new { status = "ok", batches = counts.Batches, securityEvents = counts.SecurityEvents });
        });
        return app;
    }
}

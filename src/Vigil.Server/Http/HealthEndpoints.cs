using Vigil.Record.Batches;
using Vigil.Record.Events;

namespace Vigil.Server.Http;

/// <summary><c>GET /api/v1/health</c>: liveness and a few counts, no patient data.</summary>
public static class HealthEndpoints
{
    /// <summary>Maps the health endpoint.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/health", async (IBatchStore batches, IEventLog events) =>
            Results.Ok(new { status = "ok", batches = await batches.CountBatchesAsync(), securityEvents = await events.CountAsync() }));
        return app;
    }
}

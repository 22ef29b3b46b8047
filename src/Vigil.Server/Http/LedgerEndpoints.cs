using Vigil.Platform.Audit;
using Vigil.Platform.Queries;
using Vigil.Record.Witness;
using Vigil.Server.Access;
using Vigil.Server.Http.Api;

namespace Vigil.Server.Http;

/// <summary>
/// <c>/api/v1/ledger</c>: the latest signed checkpoint (with the cosignatures witnesses returned for it) and consistency proofs between sizes
/// (public: they name no patient and no device); inclusion proofs of batches and readings, the list of
/// checkpoints and a full audit of the record against the ledger (analysts and administrators).
/// Errors are problem+json.
/// </summary>
internal static class LedgerEndpoints
{
    /// <summary>Maps the ledger endpoints.</summary>
    public static IEndpointRouteBuilder MapLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        var ledger = app.MapGroup("/api/v1/ledger");
        ledger.MapGet("/checkpoint", async (LedgerViews l, CosignedCheckpoints cosigned) =>
            await l.LatestCheckpointAsync() is { } latest
                ? Results.Text(cosigned.Find(latest.Size, latest.Note) ?? latest.Note, "text/plain; charset=utf-8")
                : ApiProblem.Of(StatusCodes.Status404NotFound, "no-checkpoint", "no checkpoint has been signed yet"));
        ledger.MapGet("/consistency", async (LedgerViews l, long? from, long? to) =>
            from is { } m && to is { } n && await l.ConsistencyAsync(m, n) is { } proof
                ? Results.Ok(new { oldSize = m, newSize = n, consistencyPath = proof.Select(Convert.ToBase64String).ToList() })
                : ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid-sizes", "give ?from=M&to=N with 0 <= M <= N <= the ledger's size"));
        ledger.MapGet("/proof", async (LedgerViews l, string? device, ulong? sequence, int? index) =>
        {
            if (device is not { Length: > 0 } d || sequence is not { } s)
            {
                return ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid-query", "give ?device=ID&sequence=N, and &index=I for one reading");
            }

            var proof = index is { } i ? await l.ProveReadingAsync(d, s, i) : await l.ProveBatchAsync(d, s);
            var what = index is { } r ? $"reading {r} of batch {d}#{s}" : $"batch {d}#{s}";
            return proof is not null
                ? Results.Ok(proof)
                : ApiProblem.Of(StatusCodes.Status404NotFound, "not-in-ledger", $"{what} is not in the ledger, or no checkpoint covers it yet");
        }).RequireAuthorization(VigilAuthentication.Analysts);
        ledger.MapGet("/checkpoints", async (LedgerViews l, int? limit) =>
            Results.Ok((await l.LatestCheckpointsAsync(Math.Clamp(limit ?? 50, 1, 1000))).Select(c => new { c.Size, c.SignedAt, c.Note })))
            .RequireAuthorization(VigilAuthentication.Analysts);
        ledger.MapPost("/verify", async (RecordAuditing audit, CancellationToken cancellationToken) =>
        {
            var (report, took) = await audit.RunAsync(cancellationToken);
            return Results.Ok(new
            {
                report.Intact, report.Entries, report.Checkpoints, Root = Convert.ToBase64String(report.Root), report.Findings, Seconds = took.TotalSeconds,
            });
        }).RequireAuthorization(VigilAuthentication.Analysts);
        return app;
    }
}

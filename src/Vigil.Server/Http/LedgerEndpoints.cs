using Vigil.Platform.Audit;
using Vigil.Record;
using Vigil.Record.Ledger;
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
public static class LedgerEndpoints
{
    /// <summary>Maps the ledger endpoints.</summary>
    public static IEndpointRouteBuilder MapLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        var ledger = app.MapGroup("/api/v1/ledger");
        ledger.MapGet("/checkpoint", (ILedger l, CosignedCheckpoints cosigned) =>
            l.Checkpoints() is { Count: > 0 } all
                ? Results.Text(cosigned.Find(all[^1].Size, all[^1].Note) ?? all[^1].Note, "text/plain; charset=utf-8")
                : ApiProblem.Of(StatusCodes.Status404NotFound, "no-checkpoint", "no checkpoint has been signed yet"));
        ledger.MapGet("/consistency", (ILedger l, long? from, long? to) =>
            from is { } m && to is { } n && LedgerProofs.Consistency(l, m, n) is { } proof
                ? Results.Ok(new { oldSize = m, newSize = n, consistencyPath = proof.Select(Convert.ToBase64String).ToList() })
                : ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid-sizes", "give ?from=M&to=N with 0 <= M <= N <= the ledger's size"));
        ledger.MapGet("/proof", (RecordStore record, string? device, ulong? sequence, int? index) =>
        {
            if (device is not { Length: > 0 } d || sequence is not { } s)
            {
                return ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid-query", "give ?device=ID&sequence=N, and &index=I for one reading");
            }

            var proof = index is { } i
                ? LedgerProofs.ProveReading(record.Ledger, record.Audit, d, s, i)
                : LedgerProofs.Prove(record.Ledger, LedgerLeaf.BatchKind, LedgerLeaf.BatchSubject(d, s));
            var what = index is { } r ? $"reading {r} of batch {d}#{s}" : $"batch {d}#{s}";
            return proof is not null
                ? Results.Ok(proof)
                : ApiProblem.Of(StatusCodes.Status404NotFound, "not-in-ledger", $"{what} is not in the ledger, or no checkpoint covers it yet");
        }).RequireAuthorization(VigilAuthentication.Analysts);
        ledger.MapGet("/checkpoints", (ILedger l, int? limit) =>
            Results.Ok(l.Checkpoints().TakeLast(Math.Clamp(limit ?? 50, 1, 1000)).Reverse().Select(c => new { c.Size, c.SignedAt, c.Note })))
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

using Vigil.Domain.Access;
using Vigil.Platform.UseCases;
using Vigil.Record.Access;

namespace Vigil.Platform.Access;

/// <summary>
/// The review of a break-glass grant, for the CLI, the API and the console alike: reading the
/// typed reason is reading patient data, so the reviewer's access goes into the ledger first; then
/// the review is recorded, once.
/// </summary>
public sealed class BreakGlassReview(IAccessStore access, TimeProvider time)
{
    /// <summary>The code of a grant that does not exist.</summary>
    public const string GrantNotFound = "grant-not-found";

    /// <summary>The code of a grant reviewed before.</summary>
    public const string AlreadyReviewed = "already-reviewed";

    /// <summary>
    /// Records <paramref name="reviewer"/>'s access to the grant's reason, then the review; gives
    /// the grant as it was before the review (with the reason), also when it was reviewed already.
    /// </summary>
    public async Task<UseCaseResult<BreakGlassGrant>> ReviewAsync(long id, string note, Actor reviewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        if (await access.FindBreakGlassAsync(id, cancellationToken) is not { } grant)
        {
            return UseCaseResult<BreakGlassGrant>.Refused(RefusalKind.NotFound, GrantNotFound, $"no break-glass grant {id}");
        }

        await access.RecordAccessAsync(
            new AccessEntry(0, time.GetUtcNow(), reviewer.Id, reviewer.Role, grant.PatientId, "break-glass.review", AccessPurposes.Review, grant.Id), cancellationToken);
        return await access.ReviewBreakGlassAsync(grant.Id, reviewer.Id, note, time.GetUtcNow(), cancellationToken)
            ? UseCaseResult<BreakGlassGrant>.Done(grant)
            : new UseCaseResult<BreakGlassGrant>(grant, new Refusal(RefusalKind.Conflict, AlreadyReviewed, $"grant {grant.Id} was reviewed already"));
    }
}

using Vigil.Domain.Patients;
using Vigil.Platform.Access;
using Vigil.Platform.UseCases;
using Vigil.Record.Access;

namespace Vigil.Platform.Tests.UseCases;

public sealed class BreakGlassReviewTests
{
    private static readonly Actor Operator = new("cli:tester", "operator", "cli");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReviewAsync_UnknownGrant_IsNotFoundAndReadsNothing()
    {
        await using var harness = new IngestHarness();

        var result = await harness.Get<BreakGlassReview>().ReviewAsync(99, "justified", Operator, Ct);

        Assert.Equal((RefusalKind.NotFound, BreakGlassReview.GrantNotFound), (result.Refusal?.Kind, result.Refusal?.Code));
        Assert.Empty(await harness.Record.Access.AccessesAsync(new AccessQuery(), Ct));
    }

    [Fact]
    public async Task ReviewAsync_Twice_RecordsEachReadOfTheReason_ButTheReviewOnce()
    {
        await using var harness = new IngestHarness();
        var now = DateTimeOffset.UtcNow;
        await harness.Record.Registry.AddPatientAsync(PatientId.Parse("p-1"), "Ada", now, cancellationToken: Ct);
        var grant = await harness.Record.Access.OpenBreakGlassAsync("dr-night", PatientId.Parse("p-1"), "night cover, hypo alarm", now, now.AddHours(1), Ct);
        var review = harness.Get<BreakGlassReview>();

        var first = await review.ReviewAsync(grant, "justified", Operator, Ct);
        var second = await review.ReviewAsync(grant, "twice", Operator, Ct);

        Assert.True(first.IsDone, first.Refusal?.Message);
        Assert.Equal("night cover, hypo alarm", first.Value?.Reason);
        Assert.Equal((RefusalKind.Conflict, BreakGlassReview.AlreadyReviewed), (second.Refusal?.Kind, second.Refusal?.Code));
        Assert.Equal("justified", (await harness.Record.Access.FindBreakGlassAsync(grant, Ct))?.ReviewNote);
        var reads = await harness.Record.Access.AccessesAsync(new AccessQuery(Purpose: AccessPurposes.Review), Ct);
        Assert.Equal(2, reads.Count);
        Assert.All(reads, a => Assert.Equal(("cli:tester", "operator", "p-1", "break-glass.review"), (a.UserId, a.Role, a.PatientId.Value, a.What)));
    }
}

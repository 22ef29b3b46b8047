using Vigil.Domain.Patients;
using Vigil.Record.Access;

namespace Vigil.Platform.Tests.Queries;

public sealed class CareAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VisibleAsync_CareTeamsAndActiveGrants_AreSeenAndExpiredGrantsAreNot()
    {
        await using var fixture = new QueryFixture();
        await fixture.AddClinicianAsync("dr-ada", "p-1");
        await fixture.AddPatientAsync("p-2");
        await fixture.AddPatientAsync("p-3");
        await fixture.Record.Access.OpenBreakGlassAsync("dr-ada", PatientId.Parse("p-2"), "collapsed on the ward, team away", QueryFixture.Now, QueryFixture.Now.AddHours(1), Ct);
        await fixture.Record.Access.OpenBreakGlassAsync("dr-ada", PatientId.Parse("p-3"), "yesterday's emergency, long over", QueryFixture.Now.AddHours(-3), QueryFixture.Now.AddHours(-2), Ct);

        var visible = await fixture.Care.VisibleAsync("dr-ada", Ct);

        Assert.Equal(["p-1", "p-2"], visible.Select(p => p.Value).Order(StringComparer.Ordinal));
        Assert.Empty(await fixture.Care.VisibleAsync("dr-nobody", Ct));
    }

    [Fact]
    public async Task DecideAsync_NamesWhyAccessIsAllowed_OrRefuses()
    {
        await using var fixture = new QueryFixture();
        await fixture.AddClinicianAsync("dr-ada", "p-1");
        await fixture.AddPatientAsync("p-2");
        await fixture.AddPatientAsync("p-3");
        var grant = await fixture.Record.Access.OpenBreakGlassAsync("dr-ada", PatientId.Parse("p-2"), "collapsed on the ward, team away", QueryFixture.Now, QueryFixture.Now.AddHours(1), Ct);

        var care = await fixture.Care.DecideAsync("dr-ada", PatientId.Parse("p-1"), "patient.readings", Ct);
        var glass = await fixture.Care.DecideAsync("dr-ada", PatientId.Parse("p-2"), "patient.readings", Ct);

        Assert.Equal(new AccessEntry(0, QueryFixture.Now, "dr-ada", "Clinician", PatientId.Parse("p-1"), "patient.readings", AccessPurposes.CareTeam), care);
        Assert.Equal(new AccessEntry(0, QueryFixture.Now, "dr-ada", "Clinician", PatientId.Parse("p-2"), "patient.readings", AccessPurposes.BreakGlass, grant), glass);
        Assert.Null(await fixture.Care.DecideAsync("dr-ada", PatientId.Parse("p-3"), "patient.readings", Ct));
    }

    [Fact]
    public async Task RecordAsync_PutsTheAccessInTheLog()
    {
        await using var fixture = new QueryFixture();
        await fixture.AddClinicianAsync("dr-ada", "p-1");
        var entry = (await fixture.Care.DecideAsync("dr-ada", PatientId.Parse("p-1"), "patient.page", Ct))!;

        var id = await fixture.Care.RecordAsync(entry, Ct);

        Assert.Equal([entry with { Id = id }], await fixture.Record.Access.AccessesAsync(new AccessQuery(), Ct));
    }
}

using Vigil.Domain.Clinical;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Record.Access;

namespace Vigil.Platform.Tests.Queries;

public sealed class PatientViewsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LatestAsync_TakesTheNewestOfEachKind_InKindOrder_WithoutTheWaveform()
    {
        await using var fixture = new QueryFixture();
        var cgm = await fixture.EnrollAsync("cgm-1", "p-1");
        var oximeter = await fixture.EnrollAsync("ox-1", "p-1");
        var t = QueryFixture.Now.AddHours(-1);
        await fixture.CommitAsync(oximeter, 1, "p-1", t, "test", (MeasurementKind.OxygenSaturation, 97, Verdict.Verified), (MeasurementKind.EcgWaveform, 1, Verdict.Verified));
        await fixture.CommitAsync(cgm, 1, "p-1", t, "test", (MeasurementKind.Glucose, 110, Verdict.Verified));
        await fixture.CommitAsync(cgm, 2, "p-1", t.AddMinutes(5), "test", (MeasurementKind.Glucose, 140, Verdict.Of([ReasonCodes.Noise])));
        await fixture.CommitAsync(cgm, 3, "p-1", t.AddMinutes(-5), "test", (MeasurementKind.Glucose, 90, Verdict.Verified));

        var latest = await fixture.Patients.LatestAsync(PatientId.Parse("p-1"), Ct);

        Assert.Equal(
            [(MeasurementKind.Glucose, 140.0, VerdictStatus.Suspect), (MeasurementKind.OxygenSaturation, 97.0, VerdictStatus.Verified)],
            latest.Select(r => (r.Kind, r.Values[0], r.Verdict.Status)));
        Assert.Empty(await fixture.Patients.LatestAsync(PatientId.Parse("p-2"), Ct));
    }

    [Fact]
    public async Task SummariesAsync_SaysWhyEachPatientIsSeen_AndCountsOpenAlerts()
    {
        await using var fixture = new QueryFixture();
        await fixture.AddClinicianAsync("dr-ada", "p-1");
        await fixture.AddPatientAsync("p-2");
        var until = QueryFixture.Now.AddMinutes(30);
        await fixture.Record.Access.OpenBreakGlassAsync("dr-ada", PatientId.Parse("p-2"), "collapsed on the ward, team away", QueryFixture.Now, until, Ct);
        var cgm = await fixture.EnrollAsync("cgm-1", "p-1");
        await fixture.CommitAsync(cgm, 1, "p-1", QueryFixture.Now.AddMinutes(-1), "test", (MeasurementKind.Glucose, 65, Verdict.Verified));
        await fixture.RaiseAsync("p-1", "glucose-low", VerdictStatus.Suspect);
        await fixture.RaiseAsync("p-1", "glucose-high", VerdictStatus.Verified);
        await fixture.RaiseAsync("p-1", "desaturation", VerdictStatus.Suspect, AlertStatus.Confirmed);
        await fixture.RaiseAsync("p-1", "tachycardia", VerdictStatus.Suspect, AlertStatus.Dismissed);
        await fixture.RaiseAsync("p-2", "glucose-low", VerdictStatus.Rejected);
        var patients = await fixture.Patients.ListAsync(await fixture.Care.VisibleAsync("dr-ada", Ct), Ct);

        var summaries = await fixture.Patients.SummariesAsync("dr-ada", patients, Ct);

        Assert.Equal(
            [("p-1", AccessPurposes.CareTeam, (DateTimeOffset?)null, 1, 3, 1), ("p-2", AccessPurposes.BreakGlass, until, 0, 1, 1)],
            summaries.Select(s => (s.Patient.Id.Value, s.Access, s.BreakGlassUntil, s.Latest.Count, s.ActiveAlerts, s.UnconfirmedAlerts)));
    }

    [Fact]
    public async Task ListAsync_OfTheVisible_LeavesOthersOut_AndNamesThem()
    {
        await using var fixture = new QueryFixture();
        await fixture.AddPatientAsync("p-1");
        await fixture.AddPatientAsync("p-2");
        await fixture.AddPatientAsync("p-3");
        var visible = new HashSet<PatientId>([PatientId.Parse("p-3"), PatientId.Parse("p-1"), PatientId.Parse("p-404")]);

        var listed = await fixture.Patients.ListAsync(visible, Ct);
        var names = await fixture.Patients.NamesAsync(visible, Ct);

        Assert.Equal(["p-1", "p-3"], listed.Select(p => p.Id.Value));
        Assert.Equal(new Dictionary<PatientId, string> { [PatientId.Parse("p-1")] = "Name of p-1", [PatientId.Parse("p-3")] = "Name of p-3" }, names);
        Assert.Equal(3, (await fixture.Patients.ListAsync(Ct)).Count);
    }
}

using Vigil.Domain.Clinical;
using Vigil.Domain.Patients;
using Vigil.Domain.Verification;

namespace Vigil.Platform.Tests.Queries;

public sealed class AlertViewsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OfPatientsAsync_MergesThePatients_NewestFirst_OpenOnlyIfAsked()
    {
        await using var fixture = new QueryFixture();
        await fixture.AddPatientAsync("p-1");
        await fixture.AddPatientAsync("p-2");
        await fixture.AddPatientAsync("p-3");
        var a = await fixture.RaiseAsync("p-1", "glucose-low", VerdictStatus.Verified);
        var b = await fixture.RaiseAsync("p-2", "glucose-low", VerdictStatus.Verified, AlertStatus.Dismissed);
        var c = await fixture.RaiseAsync("p-1", "glucose-high", VerdictStatus.Verified);
        await fixture.RaiseAsync("p-3", "glucose-high", VerdictStatus.Verified);

        var all = await fixture.Alerts.OfPatientsAsync([PatientId.Parse("p-1"), PatientId.Parse("p-2")], activeOnly: false, Ct);
        var open = await fixture.Alerts.OfPatientsAsync([PatientId.Parse("p-2"), PatientId.Parse("p-1")], activeOnly: true, Ct);

        Assert.Equal([c, b, a], all.Select(x => x.Id));
        Assert.Equal([c, a], open.Select(x => x.Id));
    }

    [Fact]
    public async Task OpenAsync_CountsTheUnconfirmed()
    {
        await using var fixture = new QueryFixture();
        await fixture.AddPatientAsync("p-1");
        await fixture.RaiseAsync("p-1", "glucose-low", VerdictStatus.Suspect);
        await fixture.RaiseAsync("p-1", "glucose-high", VerdictStatus.Rejected, AlertStatus.Acknowledged);
        await fixture.RaiseAsync("p-1", "desaturation", VerdictStatus.Suspect, AlertStatus.Confirmed);
        await fixture.RaiseAsync("p-1", "tachycardia", VerdictStatus.Verified);
        await fixture.RaiseAsync("p-1", "bradycardia", VerdictStatus.Suspect, AlertStatus.Escalated);

        var open = await fixture.Alerts.OpenAsync(PatientId.Parse("p-1"), Ct);

        Assert.Equal((4, 2), (open.Alerts.Count, open.Unconfirmed));
    }
}

using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Platform.Devices;
using Vigil.Platform.UseCases;
using Vigil.Record.Events;

namespace Vigil.Platform.Tests.UseCases;

public sealed class DeviceAdministrationTests
{
    private static readonly Actor Analyst = new("sam", "Analyst", "https 127.0.0.1:5000");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SetStatusAsync_RevokingAnUnknownDevice_IsNotFoundAndRecordsNothing()
    {
        await using var harness = new IngestHarness();

        var result = await harness.Get<DeviceAdministration>().SetStatusAsync(DeviceId.Parse("nobody-1"), DeviceStatus.Revoked, "stolen", Analyst, Ct);

        Assert.Equal(RefusalKind.NotFound, result.Refusal?.Kind);
        Assert.Equal(DeviceAdministration.DeviceNotFound, result.Refusal?.Code);
        Assert.Empty(await harness.Record.Events.ListAsync(new EventQuery(DeviceId: "nobody-1"), Ct));
    }

    [Fact]
    public async Task SetStatusAsync_RevokedDevice_CannotBeQuarantined_AndTheRevocationNamesItsActor()
    {
        await using var harness = new IngestHarness();
        var (id, _) = await harness.EnrollAsync("cgm-r", "p-r");
        var devices = harness.Get<DeviceAdministration>();

        var revoked = await devices.SetStatusAsync(id, DeviceStatus.Revoked, "stolen", Analyst, Ct);
        var again = await devices.SetStatusAsync(id, DeviceStatus.Quarantined, "undo", Analyst, Ct);

        Assert.True(revoked.IsDone, revoked.Refusal?.Message);
        Assert.Equal(DeviceStatus.Revoked, harness.Registry.Device(id)?.Status);
        Assert.Equal(DeviceAdministration.StatusFinal, again.Refusal?.Code);
        Assert.Equal($"device {id} is revoked; that cannot change", again.Refusal?.Message);
        var events = await harness.Record.Events.ListAsync(new EventQuery(DeviceId: id.Value), Ct);
        var revocation = Assert.Single(events);
        Assert.Equal(("sam", "https 127.0.0.1:5000"), (revocation.Principal, revocation.Source));
        Assert.Equal("sam set cgm-r revoked: stolen", revocation.Detail);
    }

    [Fact]
    public async Task BindToPatientAsync_UnknownPatient_IsNotFound()
    {
        await using var harness = new IngestHarness();
        var (id, _) = await harness.EnrollAsync("cgm-b");

        var result = await harness.Get<DeviceAdministration>().BindToPatientAsync(id, PatientId.Parse("p-404"), Ct);

        Assert.Equal(RefusalKind.NotFound, result.Refusal?.Kind);
        Assert.Null((await harness.Record.Registry.FindDeviceAsync(id, Ct))?.PatientId);
    }
}

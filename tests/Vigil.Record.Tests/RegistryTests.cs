using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests;

public sealed class RegistryTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EnrollDevice_New_IsFoundByIdAndKid(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var device = RecordFixture.Device("cgm-1", "00112233445566778899aabbccddeeff");

        Assert.True(await fixture.Record.Registry.EnrollDeviceAsync(device, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(device.Id, (await fixture.Record.Registry.FindDeviceAsync(device.Id, cancellationToken: TestContext.Current.CancellationToken))!.Id);
        Assert.Equal(device.Id, (await fixture.Record.Registry.FindDeviceByKeyIdAsync("00112233445566778899aabbccddeeff", cancellationToken: TestContext.Current.CancellationToken))!.Id);
        Assert.Equal([device.Id], (await fixture.Record.Registry.ListDevicesAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(d => d.Id));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EnrollDevice_SameIdOrKidTwice_IsRefused(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        await fixture.Record.Registry.EnrollDeviceAsync(RecordFixture.Device("cgm-1", "aa"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(await fixture.Record.Registry.EnrollDeviceAsync(RecordFixture.Device("cgm-1", "bb"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.False(await fixture.Record.Registry.EnrollDeviceAsync(RecordFixture.Device("cgm-2", "aa"), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SetDeviceStatus_Revoked_IsFinal(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var id = DeviceId.Parse("cgm-1");
        await fixture.Record.Registry.EnrollDeviceAsync(RecordFixture.Device("cgm-1"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(await fixture.Record.Registry.SetDeviceStatusAsync(id, DeviceStatus.Quarantined, "clone suspected", RecordFixture.Now, cancellationToken: TestContext.Current.CancellationToken));
        Assert.True(await fixture.Record.Registry.SetDeviceStatusAsync(id, DeviceStatus.Revoked, "stolen", RecordFixture.Now, cancellationToken: TestContext.Current.CancellationToken));
        Assert.False(await fixture.Record.Registry.SetDeviceStatusAsync(id, DeviceStatus.Active, "oops", RecordFixture.Now, cancellationToken: TestContext.Current.CancellationToken));

        var device = (await fixture.Record.Registry.FindDeviceAsync(id, cancellationToken: TestContext.Current.CancellationToken))!;
        Assert.Equal(DeviceStatus.Revoked, device.Status);
        Assert.Equal("stolen", device.StatusReason);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Version_AnyChange_Increases(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var before = await fixture.Record.Registry.VersionAsync(cancellationToken: TestContext.Current.CancellationToken);

        await fixture.Record.Registry.AddPatientAsync(PatientId.Parse("p-1"), "Ada", RecordFixture.Now, cancellationToken: TestContext.Current.CancellationToken);
        var afterChange = await fixture.Record.Registry.VersionAsync(cancellationToken: TestContext.Current.CancellationToken);
        await fixture.Record.Registry.AddPatientAsync(PatientId.Parse("p-1"), "Ada again", RecordFixture.Now, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(afterChange > before);
        Assert.Equal(afterChange, await fixture.Record.Registry.VersionAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Bindings_DeviceToPatientAndRelay_AreListed(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var registry = fixture.Record.Registry;
        await registry.EnrollDeviceAsync(RecordFixture.Device("cgm-1"), cancellationToken: TestContext.Current.CancellationToken);
        await registry.AddPatientAsync(PatientId.Parse("p-1"), "Ada", RecordFixture.Now, cancellationToken: TestContext.Current.CancellationToken);
        await registry.AddRelayAsync(RelayId.Parse("hub-1"), "cc", [9], RecordFixture.Now, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(await registry.BindDeviceToPatientAsync(DeviceId.Parse("cgm-1"), PatientId.Parse("p-1"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.True(await registry.BindDeviceToRelayAsync(DeviceId.Parse("cgm-1"), RelayId.Parse("hub-1"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.False(await registry.BindDeviceToPatientAsync(DeviceId.Parse("cgm-1"), PatientId.Parse("p-404"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.False(await registry.BindDeviceToRelayAsync(DeviceId.Parse("cgm-9"), RelayId.Parse("hub-1"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(["cgm-1"], (await registry.ListPatientsAsync(cancellationToken: TestContext.Current.CancellationToken)).Single().Devices);
        Assert.Equal(["cgm-1"], (await registry.FindRelayAsync(RelayId.Parse("hub-1"), cancellationToken: TestContext.Current.CancellationToken))!.Devices);
        Assert.Equal(PatientId.Parse("p-1"), (await registry.FindDeviceAsync(DeviceId.Parse("cgm-1"), cancellationToken: TestContext.Current.CancellationToken))!.PatientId);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Registry_AfterReopen_IsStillThere(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        await fixture.Record.Registry.EnrollDeviceAsync(RecordFixture.Device("cgm-1"), cancellationToken: TestContext.Current.CancellationToken);

        await fixture.ReopenAsync();

        Assert.NotNull(await fixture.Record.Registry.FindDeviceAsync(DeviceId.Parse("cgm-1"), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EnrollDevices_Many_AddsTheNewOnesInOneGo(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        await fixture.Record.Registry.EnrollDeviceAsync(RecordFixture.Device("d-0"), cancellationToken: TestContext.Current.CancellationToken);

        var added = await fixture.Record.Registry.EnrollDevicesAsync(Enumerable.Range(0, 500).Select(i => RecordFixture.Device($"d-{i}")), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(499, added);
        Assert.Equal(500, (await fixture.Record.Registry.ListDevicesAsync(cancellationToken: TestContext.Current.CancellationToken)).Count);
    }
}

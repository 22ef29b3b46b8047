using Vigil.Domain.Devices;
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

        Assert.True(fixture.Record.Registry.EnrollDevice(device));

        Assert.Equal(device.Id, fixture.Record.Registry.FindDevice(device.Id)!.Id);
        Assert.Equal(device.Id, fixture.Record.Registry.FindDeviceByKeyId("00112233445566778899aabbccddeeff")!.Id);
        Assert.Equal([device.Id], fixture.Record.Registry.ListDevices().Select(d => d.Id));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EnrollDevice_SameIdOrKidTwice_IsRefused(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        fixture.Record.Registry.EnrollDevice(RecordFixture.Device("cgm-1", "aa"));

        Assert.False(fixture.Record.Registry.EnrollDevice(RecordFixture.Device("cgm-1", "bb")));
        Assert.False(fixture.Record.Registry.EnrollDevice(RecordFixture.Device("cgm-2", "aa")));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SetDeviceStatus_Revoked_IsFinal(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var id = DeviceId.Parse("cgm-1");
        fixture.Record.Registry.EnrollDevice(RecordFixture.Device("cgm-1"));

        Assert.True(fixture.Record.Registry.SetDeviceStatus(id, DeviceStatus.Quarantined, "clone suspected", RecordFixture.Now));
        Assert.True(fixture.Record.Registry.SetDeviceStatus(id, DeviceStatus.Revoked, "stolen", RecordFixture.Now));
        Assert.False(fixture.Record.Registry.SetDeviceStatus(id, DeviceStatus.Active, "oops", RecordFixture.Now));

        var device = fixture.Record.Registry.FindDevice(id)!;
        Assert.Equal(DeviceStatus.Revoked, device.Status);
        Assert.Equal("stolen", device.StatusReason);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Version_AnyChange_Increases(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var before = fixture.Record.Registry.Version();

        fixture.Record.Registry.AddPatient("p-1", "Ada", RecordFixture.Now);
        var afterChange = fixture.Record.Registry.Version();
        fixture.Record.Registry.AddPatient("p-1", "Ada again", RecordFixture.Now);

        Assert.True(afterChange > before);
        Assert.Equal(afterChange, fixture.Record.Registry.Version());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Bindings_DeviceToPatientAndRelay_AreListed(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var registry = fixture.Record.Registry;
        registry.EnrollDevice(RecordFixture.Device("cgm-1"));
        registry.AddPatient("p-1", "Ada", RecordFixture.Now);
        registry.AddRelay("hub-1", "cc", [9], RecordFixture.Now);

        Assert.True(registry.BindDeviceToPatient(DeviceId.Parse("cgm-1"), "p-1"));
        Assert.True(registry.BindDeviceToRelay(DeviceId.Parse("cgm-1"), "hub-1"));
        Assert.False(registry.BindDeviceToPatient(DeviceId.Parse("cgm-1"), "p-404"));
        Assert.False(registry.BindDeviceToRelay(DeviceId.Parse("cgm-9"), "hub-1"));

        Assert.Equal(["cgm-1"], registry.ListPatients().Single().Devices);
        Assert.Equal(["cgm-1"], registry.FindRelay("hub-1")!.Devices);
        Assert.Equal("p-1", registry.FindDevice(DeviceId.Parse("cgm-1"))!.PatientId);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Registry_AfterReopen_IsStillThere(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        fixture.Record.Registry.EnrollDevice(RecordFixture.Device("cgm-1"));

        await fixture.ReopenAsync();

        Assert.NotNull(fixture.Record.Registry.FindDevice(DeviceId.Parse("cgm-1")));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EnrollDevices_Many_AddsTheNewOnesInOneGo(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        fixture.Record.Registry.EnrollDevice(RecordFixture.Device("d-0"));

        var added = fixture.Record.Registry.EnrollDevices(Enumerable.Range(0, 500).Select(i => RecordFixture.Device($"d-{i}")));

        Assert.Equal(499, added);
        Assert.Equal(500, fixture.Record.Registry.ListDevices().Count);
    }
}

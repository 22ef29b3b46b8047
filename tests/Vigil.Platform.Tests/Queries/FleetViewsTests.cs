using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Domain.Security;
using Vigil.Domain.Verification;

namespace Vigil.Platform.Tests.Queries;

public sealed class FleetViewsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DevicesAsync_JoinsFlagsRelaysActivityAndEventsPerDevice()
    {
        await using var fixture = new QueryFixture();
        var record = fixture.Record;
        var cgm = await fixture.EnrollAsync("cgm-1", "p-1");
        var oximeter = await fixture.EnrollAsync("ox-1");
        Assert.True(await record.Registry.AddRelayAsync(RelayId.Parse("hub-1"), "ab", [1], QueryFixture.Now, Ct));
        Assert.True(await record.Registry.AddRelayAsync(RelayId.Parse("hub-2"), "cd", [2], QueryFixture.Now, Ct));
        Assert.True(await record.Registry.BindDeviceToRelayAsync(cgm, RelayId.Parse("hub-1"), Ct));
        Assert.True(await record.Registry.BindDeviceToRelayAsync(cgm, RelayId.Parse("hub-2"), Ct));
        await record.Trust.SetFlagAsync(new DeviceFlag(cgm, DeviceFlagKind.Recall, QueryFixture.Now, "recall 1", QueryFixture.Now), Ct);
        await fixture.CommitAsync(cgm, 1, "p-1", QueryFixture.Now.AddMinutes(-10), "relay hub-2", (MeasurementKind.Glucose, 100, Verdict.Verified));
        await fixture.CommitAsync(cgm, 2, "p-1", QueryFixture.Now.AddMinutes(-5), "relay hub-1", (MeasurementKind.Glucose, 101, Verdict.Verified));
        await record.Events.AppendAsync(new SecurityEvent(QueryFixture.Now, "replay", "device cgm-1", "mqtt", "cgm-1", "again") { Count = 3 }, Ct);
        await record.Events.AppendAsync(new SecurityEvent(QueryFixture.Now, "replay", "device cgm-1", "mqtt", "cgm-1", "again"), Ct);
        await record.Events.AppendAsync(new SecurityEvent(QueryFixture.Now, "sign-in-failed", "dr-ada", "https", null, "wrong password"), Ct);

        var fleet = await fixture.Fleet.DevicesAsync(Ct);

        Assert.Equal(2, fleet.Count);
        var (c, o) = (fleet[0], fleet[1]);
        Assert.Equal((cgm, DeviceStatus.Active, true, 2L, 4L), (c.Id, c.Status, c.Bound, c.Batches, c.Events));
        Assert.Equal([ReasonCodes.Recall], c.Flags);
        Assert.Equal(["hub-1", "hub-2"], c.Relays.Order(StringComparer.Ordinal));
        Assert.Equal((QueryFixture.Now.AddMinutes(-5).AddSeconds(1), "relay hub-1"), (c.LastSeen!.Value, c.LastSource!));
        Assert.Equal((oximeter, false, 0L, 0L, (DateTimeOffset?)null), (o.Id, o.Bound, o.Batches, o.Events, o.LastSeen));
        Assert.Empty(o.Flags);
        Assert.Empty(o.Relays);
    }

    [Fact]
    public async Task CountsAsync_CountsBatchesAndWhatEachEventStandsFor()
    {
        await using var fixture = new QueryFixture();
        var cgm = await fixture.EnrollAsync("cgm-1", "p-1");
        await fixture.CommitAsync(cgm, 1, "p-1", QueryFixture.Now, "test", (MeasurementKind.Glucose, 100, Verdict.Verified));
        await fixture.Record.Events.AppendAsync(new SecurityEvent(QueryFixture.Now, "replay", "device cgm-1", "mqtt", "cgm-1", "again") { Count = 5 }, Ct);

        Assert.Equal(new Vigil.Platform.Queries.FleetCounts(1, 5), await fixture.Fleet.CountsAsync(Ct));
    }
}

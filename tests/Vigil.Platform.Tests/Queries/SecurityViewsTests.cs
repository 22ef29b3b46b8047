using Vigil.Domain.Devices;
using Vigil.Domain.Security;

namespace Vigil.Platform.Tests.Queries;

public sealed class SecurityViewsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DeviceId Cgm = DeviceId.Parse("cgm-1");

    [Fact]
    public async Task TimelineAsync_MergesEventsAndIncidents_NewestFirst()
    {
        await using var fixture = await FilledAsync();

        var all = await fixture.Security.TimelineAsync(null, "  ", Ct);

        Assert.Equal(
            [("event", "clone-detected", "cgm-1"), ("incident", "incident: clone", "cgm-1"), ("event", "sign-in-failed", "dr-ada"), ("incident", "incident: lot-drift", "lot M/L")],
            all.Select(i => (i.Kind, i.Label, i.Subject)));
        Assert.StartsWith("event-", all[0].Key, StringComparison.Ordinal);
        Assert.StartsWith("incident-", all[1].Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimelineAsync_ByCode_LeavesIncidentsOut_ByDevice_KeepsThatDevice()
    {
        await using var fixture = await FilledAsync();

        var byCode = await fixture.Security.TimelineAsync(" sign-in-failed ", null, Ct);
        var byDevice = await fixture.Security.TimelineAsync(null, "cgm-1", Ct);

        Assert.Equal([("event", "sign-in-failed")], byCode.Select(i => (i.Kind, i.Label)));
        Assert.Equal([("event", "clone-detected"), ("incident", "incident: clone")], byDevice.Select(i => (i.Kind, i.Label)));
    }

    [Fact]
    public async Task EventsAndIncidentsAfter_AreTheNewerOnes_OldestFirst()
    {
        await using var fixture = await FilledAsync();
        var events = await fixture.Security.EventsAsync(new Vigil.Record.Events.EventQuery(), Ct);
        var incidents = await fixture.Security.IncidentsAsync(cancellationToken: Ct);

        Assert.Equal(events[0].Id, await fixture.Security.LatestEventAsync(Ct));
        Assert.Equal(incidents[0].Id, await fixture.Security.LatestIncidentAsync(Ct));
        Assert.Equal([events[1].Id, events[0].Id], (await fixture.Security.EventsAfterAsync(0, 200, Ct)).Select(e => e.Id));
        Assert.Equal([events[0].Id], (await fixture.Security.EventsAfterAsync(events[1].Id, 200, Ct)).Select(e => e.Id));
        Assert.Equal([events[0].Id], (await fixture.Security.EventsAfterAsync(0, 1, Ct)).Select(e => e.Id));
        Assert.Equal([incidents[0].Id], (await fixture.Security.IncidentsAfterAsync(incidents[1].Id, 50, Ct)).Select(i => i.Id));
        Assert.Empty(await fixture.Security.EventsAfterAsync(events[0].Id, 200, Ct));
    }

    [Fact]
    public async Task FlaggedAsync_GroupsDevicesByWhatFlaggedThem()
    {
        await using var fixture = new QueryFixture();
        foreach (var id in new[] { "cgm-2", "cgm-10", "cgm-1" })
        {
            var device = await fixture.EnrollAsync(id);
            await fixture.Record.Trust.SetFlagAsync(new DeviceFlag(device, DeviceFlagKind.Recall, QueryFixture.Now, id == "cgm-1" ? "recall 2" : "recall 1", QueryFixture.Now), Ct);
        }

        var flagged = await fixture.Security.FlaggedAsync(Ct);

        Assert.Equal(["recall 1", "recall 2"], flagged.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["cgm-10", "cgm-2"], flagged["recall 1"]);
        Assert.Equal(["cgm-1"], flagged["recall 2"]);
    }

    // Oldest to newest: a lot incident, an event on a user, a clone incident, an event on the device.
    private static async Task<QueryFixture> FilledAsync()
    {
        var fixture = new QueryFixture();
        var record = fixture.Record;
        var t = QueryFixture.Now;
        await fixture.EnrollAsync("cgm-1");
        await record.Trust.OpenIncidentAsync(new Incident(0, IncidentKind.LotDrift, null, t.AddMinutes(1), t, "lot reads low", Subject: Incident.LotSubject("M", "L")), Ct);
        await record.Events.AppendAsync(new SecurityEvent(t.AddMinutes(2), "sign-in-failed", "dr-ada", "https", null, "wrong password"), Ct);
        await record.Trust.OpenIncidentAsync(new Incident(0, IncidentKind.Clone, Cgm, t.AddMinutes(3), t, "two sources"), Ct);
        await record.Events.AppendAsync(new SecurityEvent(t.AddMinutes(4), "clone-detected", "device cgm-1", "mqtt", "cgm-1", "two sources"), Ct);
        return fixture;
    }
}

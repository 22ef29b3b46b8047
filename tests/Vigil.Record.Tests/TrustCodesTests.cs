using System.Text;
using Vigil.Domain.Devices;
using Vigil.Domain.Security;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests;

/// <summary>
/// Incident kinds and statuses and device flags are enums in the domain and their stable codes in
/// the record: the rows, the ledger's leaves and the subjects that name them carry the text they
/// always did, so earlier records read and audit as before.
/// </summary>
public sealed class TrustCodesTests
{
    private static readonly DeviceId Cgm = DeviceId.Parse("cgm-1");

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OpenIncident_ClockSkew_StoresAndLedgersItsCodes(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var opened = RecordFixture.Now;

        var id = await fixture.Record.Trust.OpenIncidentAsync(
            new Incident(0, IncidentKind.ClockSkew, Cgm, opened, opened.AddMinutes(-20), "clock 20 min ahead"), TestContext.Current.CancellationToken);

        Assert.Equal("clock-skew", fixture.Database.Scalar($"SELECT kind FROM incidents WHERE id = {id};"));
        Assert.Equal("open", fixture.Database.Scalar($"SELECT status FROM incidents WHERE id = {id};"));
        var entry = Assert.Single(fixture.Record.Ledger.Entries(0, 1000), e => e.Subject == $"incident#{id}");
        Assert.Equal(
            $"vigil-ledger/3 incident\nsubject incident#{id}\nid {id}\nkind clock-skew\ndevice cgm-1\nopened 1780000000000\nsince 1779998800000\n"
            + "detail clock 20 min ahead\nstatus open\nabout -\n",
            Encoding.UTF8.GetString(entry.Leaf));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SetFlag_LotDrift_StoresAndLedgersItsReasonCode(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var at = RecordFixture.Now;

        await fixture.Record.Trust.SetFlagAsync(new DeviceFlag(Cgm, DeviceFlagKind.LotDrift, at.AddHours(-2), "lot L1", at), TestContext.Current.CancellationToken);

        Assert.Equal("lot-drift", fixture.Database.Scalar("SELECT flag FROM device_flags WHERE device_id = 'cgm-1';"));
        var entry = Assert.Single(fixture.Record.Ledger.Entries(0, 1000), e => e.Subject == "device-flag#cgm-1#lot-drift");
        Assert.Equal(
            "vigil-ledger/3 device-flag\nsubject device-flag#cgm-1#lot-drift\ndevice cgm-1\nflag lot-drift\nsince 1779992800000\nreference lot L1\nset 1780000000000\n",
            Encoding.UTF8.GetString(entry.Leaf));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Incidents_RowsWrittenAsText_ReadAsTheirKindAndStatus(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        fixture.Database.Execute(
            """
            INSERT INTO incidents (kind, device_id, opened_at, since, detail, status) VALUES ('clone', 'cgm-1', 1, 1, 'two contents under one number', 'open');
            INSERT INTO incidents (kind, device_id, opened_at, since, detail, status, subject) VALUES ('lot-drift', NULL, 2, 1, 'lot reads low', 'closed', 'lot M/L1');
            """);

        var incidents = await fixture.Record.Trust.IncidentsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([(IncidentKind.LotDrift, IncidentStatus.Closed), (IncidentKind.Clone, IncidentStatus.Open)], incidents.Select(i => (i.Kind, i.Status)));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Flags_RowsWrittenAsText_ReadAsTheirKind(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        fixture.Database.Execute(
            """
            INSERT INTO device_flags (device_id, flag, since, reference, set_at) VALUES ('cgm-1', 'recall', 1, 'recall 2', 1);
            INSERT INTO device_flags (device_id, flag, since, reference, set_at) VALUES ('cgm-1', 'drift', 1, 'calibration', 1);
            INSERT INTO device_flags (device_id, flag, since, reference, set_at) VALUES ('cgm-1', 'lot-drift', 1, 'lot L1', 1);
            INSERT INTO device_flags (device_id, flag, since, reference, set_at) VALUES ('cgm-1', 'clone', 1, 'incident 5', 1);
            """);

        var flags = await fixture.Record.Trust.FlagsAsync(Cgm, TestContext.Current.CancellationToken);

        Assert.Equal([DeviceFlagKind.Clone, DeviceFlagKind.Drift, DeviceFlagKind.LotDrift, DeviceFlagKind.Recall], flags.Select(f => f.Flag));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Incidents_KindVigilNeverWrites_IsRefused(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        fixture.Database.Execute("INSERT INTO incidents (kind, device_id, opened_at, since, detail, status) VALUES ('Clone', 'cgm-1', 1, 1, 'forged', 'open');");

        await Assert.ThrowsAsync<Vigil.Record.Encryption.RecordIntegrityException>(() => fixture.Record.Trust.IncidentsAsync(cancellationToken: TestContext.Current.CancellationToken));
    }
}

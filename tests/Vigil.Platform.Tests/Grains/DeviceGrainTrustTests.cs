using Microsoft.Extensions.Time.Testing;
using Vigil.Domain.Clinical;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Domain.Security;
using Vigil.Domain.Verification;
using Vigil.Platform.Verification;
using Vigil.Protocol;
using Vigil.Record.Events;
using Vigil.Record.Readings;
using Vigil.Tests.Shared;

namespace Vigil.Platform.Tests.Grains;

/// <summary>
/// When a device stops being trusted, from inside the grains of a real silo: drift found by the
/// patient grain's calibration check, a recall made while the device grain is active, and clones.
/// Each device has a lot of its own, so no recall or lot check reaches another test's devices.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class DeviceGrainTrustTests(SiloFixture silo)
{
    [Fact]
    public async Task IngestAsync_FingersticksThirtyPercentAboveTheCgm_ThePatientGrainFlagsDriftAndTheNextReadingsAreSuspect()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        var (id, sealer) = await silo.EnrollAsync("grain-cgm-drift", "grain-p-drift", clock, lot: "GRAIN-DRIFT");

        // Each batch carries a CGM reading and, a minute later, a meter's fingerstick entered on the device.
        for (var k = 0; k < 2; k++)
        {
            var at = clock.GetUtcNow();
            var batch = sealer.Seal([Glucose(at.AddMinutes(-2), 84 + k), Reading.Single(MeasurementKind.Glucose, at.AddMinutes(-1), 120 + k, "mg/dL", ReadingFlags.Calibration)]);
            Assert.Equal(Outcomes.Stored.Code, (await silo.IngestAsync(id, batch)).Code);
            clock.Advance(TimeSpan.FromMinutes(30));
        }

        await Eventually.TrueAsync(() => silo.Registry.Flags(id).Any(f => f.Reason == ReasonCodes.Drift), "the drift flag in the silo's registry");
        var next = await silo.IngestAsync(id, sealer.Seal([Glucose(clock.GetUtcNow(), 86)]));

        Assert.Equal(Outcomes.Stored.Code, next.Code);
        var readings = await silo.ReadingsAsync(id);
        Assert.Equal(5, readings.Count);
        Assert.All(readings, r => Assert.Contains(ReasonCodes.Drift, r.Verdict.Reasons));
        Assert.Equal([ReasonCodes.Drift], readings[^1].Verdict.Reasons);
        Assert.Equal(VerdictStatus.Suspect, readings[^1].Verdict.Status);
        Assert.Equal(2, (await silo.Harness.Record.Clinical.CalibrationsAsync(deviceId: id, cancellationToken: TestContext.Current.CancellationToken)).Count);
        Assert.Contains(await IncidentsAsync(id), i => i.Kind == IncidentKind.Drift);
        Assert.Contains(await AlertsAsync("grain-p-drift"), a => a.Rule == AlertRules.DataUntrusted);
    }

    [Fact]
    public async Task IngestAsync_RecallWhileTheDeviceGrainIsActive_StoredReadingsSinceAndTheNextBatchAreSuspect()
    {
        var now = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(now.AddHours(-3));
        var (hit, hitSealer) = await silo.EnrollAsync("grain-cgm-recalled", "grain-p-recalled", clock, lot: "GRAIN-RECALLED");
        var (miss, missSealer) = await silo.EnrollAsync("grain-cgm-kept", "grain-p-kept", lot: "GRAIN-KEPT");
        Assert.Equal(Outcomes.Stored.Code, (await silo.IngestAsync(hit, hitSealer.Seal([Glucose(clock.GetUtcNow(), 130)]))).Code);
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(Outcomes.Stored.Code, (await silo.IngestAsync(hit, hitSealer.Seal([Glucose(clock.GetUtcNow(), 131)]))).Code);
        Assert.Equal(Outcomes.Stored.Code, (await silo.IngestAsync(miss, missSealer.Seal([Glucose(now.AddHours(-1), 132)]))).Code);

        var recall = await silo.Recalls.CreateAsync(new Recall(0, "M", ["GRAIN-RECALLED"], [], [], now.AddHours(-2), "reads low", now), "tester");
        await Eventually.TrueAsync(() => silo.Registry.Flags(hit).Any(f => f.Reason == ReasonCodes.Recall), "the recall flag in the silo's registry");
        clock.Advance(TimeSpan.FromHours(1));
        var next = await silo.IngestAsync(hit, hitSealer.Seal([Glucose(clock.GetUtcNow(), 129)]));

        Assert.Equal(Outcomes.Stored.Code, next.Code);
        Assert.Equal((1, 1), (recall.Devices, recall.Readings));
        var readings = await silo.ReadingsAsync(hit);
        Assert.Equal(3, readings.Count);
        Assert.Equal(VerdictStatus.Verified, readings[0].Verdict.Status);
        Assert.All(readings.Skip(1), r => Assert.Equal([ReasonCodes.Recall], r.Verdict.Reasons));
        var revised = await silo.Harness.Record.Readings.HistoryAsync(new ReadingKey(hit, readings[1].Sequence, 0), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([VerdictStatus.Verified, VerdictStatus.Suspect], revised.Select(h => h.Verdict.Status));
        Assert.Equal(VerdictStatus.Verified, Assert.Single(await silo.ReadingsAsync(miss)).Verdict.Status);
        Assert.Contains(await AlertsAsync("grain-p-recalled"), a => a.Rule == AlertRules.DataUntrusted);
        Assert.DoesNotContain(await AlertsAsync("grain-p-kept"), a => a.Rule == AlertRules.DataUntrusted);
    }

    [Fact]
    public async Task IngestAsync_TwoSessionsWhoseCountersInterleave_OpensACloneIncidentAndQuarantinesFromInsideTheGrain()
    {
        var (id, _) = await silo.EnrollAsync("grain-cgm-twins", "grain-p-twins", lot: "GRAIN-TWINS");
        var genuine = silo.Harness.Sealer(id, new SequenceList(1, 5, 9));
        var copy = silo.Harness.Sealer(id, new SequenceList(3, 7));
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(Outcomes.Stored.Code, (await silo.IngestAsync(id, genuine.Seal([Glucose(now.AddMinutes(-10), 120)]))).Code);
        Assert.Equal(Outcomes.Stored.Code, (await silo.IngestAsync(id, copy.Seal([Glucose(now.AddMinutes(-5), 118)]))).Code);
        Assert.Equal(DeviceStatus.Active, (await FindAsync(id)).Status);

        var third = await silo.IngestAsync(id, genuine.Seal([Glucose(now, 121)]));

        Assert.Equal(Outcomes.Stored.Code, third.Code);
        Assert.Equal("stored; device is quarantined", third.Detail);
        Assert.Equal(DeviceStatus.Quarantined, (await FindAsync(id)).Status);
        Assert.Equal(DeviceStatus.Quarantined, silo.Registry.Device(id)?.Status);
        var incident = Assert.Single(await IncidentsAsync(id), i => i.Kind == IncidentKind.Clone);
        Assert.Contains(SessionHistory.Overlap, incident.Detail, StringComparison.Ordinal);
        var last = (await silo.ReadingsAsync(id))[^1];
        Assert.Equal(VerdictStatus.Suspect, last.Verdict.Status);
        Assert.Contains(ReasonCodes.Quarantined, last.Verdict.Reasons);
        Assert.Contains(ReasonCodes.Clone, last.Verdict.Reasons);
        Assert.NotEmpty(await CloneEventsAsync(id));
        Assert.Contains(await AlertsAsync("grain-p-twins"), a => a.Rule == AlertRules.DataUntrusted);
    }

    [Fact]
    public async Task IngestAsync_TwoBatchesSignedUnderOneSequenceNumber_IsRefusedAsReplayAndQuarantinesFromInsideTheGrain()
    {
        var (id, sealer) = await silo.EnrollAsync("grain-cgm-forked", "grain-p-forked", lot: "GRAIN-FORKED");
        var start = DateTimeOffset.UtcNow;
        Assert.Equal(Outcomes.Stored.Code, (await silo.IngestAsync(id, sealer.Seal([Glucose(start, 120)]))).Code);

        var forged = await silo.IngestAsync(id, silo.Harness.Clone(id).Seal([Glucose(start, 65)]));
        var next = await silo.IngestAsync(id, sealer.Seal([Glucose(start.AddSeconds(1), 121)]));

        Assert.Equal(Outcomes.Replay.Code, forged.Code);
        Assert.False(forged.IsAcknowledged);
        Assert.Equal(Outcomes.Stored.Code, next.Code);
        Assert.Equal(DeviceStatus.Quarantined, (await FindAsync(id)).Status);
        Assert.Contains(await IncidentsAsync(id), i => i.Kind == IncidentKind.Clone);
        var readings = await silo.ReadingsAsync(id);
        Assert.Equal([120, 121], readings.Select(r => r.Values[0]));
        Assert.All(readings, r => Assert.Contains(ReasonCodes.Clone, r.Verdict.Reasons));
        Assert.NotEmpty(await CloneEventsAsync(id));
    }

    private async Task<Record.Registry.DeviceRecord> FindAsync(DeviceId id) =>
        (await silo.Harness.Record.Registry.FindDeviceAsync(id, cancellationToken: TestContext.Current.CancellationToken))!;

    private Task<IReadOnlyList<Incident>> IncidentsAsync(DeviceId id) =>
        silo.Harness.Record.Trust.IncidentsAsync(id, cancellationToken: TestContext.Current.CancellationToken);

    private Task<IReadOnlyList<Alert>> AlertsAsync(string patient) =>
        silo.Harness.Record.Clinical.AlertsAsync(PatientId.Parse(patient), cancellationToken: TestContext.Current.CancellationToken);

    private Task<IReadOnlyList<Domain.Security.SecurityEvent>> CloneEventsAsync(DeviceId id) =>
        silo.Harness.Record.Events.ListAsync(new EventQuery(TrustResponse.CloneDetected, id.Value), TestContext.Current.CancellationToken);

    private static Reading Glucose(DateTimeOffset at, double value) => Reading.Single(MeasurementKind.Glucose, at, value, "mg/dL");
}

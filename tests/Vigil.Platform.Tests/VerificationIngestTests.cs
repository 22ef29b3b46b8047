using Microsoft.Extensions.Time.Testing;
using Vigil.Device.Sealing;
using Vigil.Domain.Clinical;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Platform.Devices;
using Vigil.Platform.Ingest;
using Vigil.Protocol;
using Vigil.Record.Events;
using Vigil.Record.Readings;
using Vigil.Record.Trust;

namespace Vigil.Platform.Tests;

public sealed class VerificationIngestTests
{
    [Fact]
    public async Task IngestAsync_PlausibleReading_IsStoredVerifiedInTheSameCommit()
    {
        await using var harness = new IngestHarness();
        var (id, sealer) = harness.Enroll("cgm-ok", "p-1");

        var result = await Send(harness, id, sealer, Glucose(DateTimeOffset.UtcNow, 112));

        Assert.Equal(Outcomes.Stored.Code, result.Code);
        var stored = Assert.Single(harness.Record.Readings.Query(new ReadingQuery { DeviceId = id }));
        Assert.Equal(VerdictStatus.Verified, stored.Verdict.Status);
        Assert.Equal("p-1", stored.PatientId);
        Assert.Equal(112, stored.Values[0]);
    }

    [Fact]
    public async Task IngestAsync_UnknownFirmware_IsSuspectWithAnEvent()
    {
        await using var harness = new IngestHarness();
        var (id, sealer) = harness.Enroll("cgm-fw", firmware: "tampered image");

        await Send(harness, id, sealer, Glucose(DateTimeOffset.UtcNow, 112));

        Assert.Equal([ReasonCodes.UnknownFirmware], Single(harness, id).Verdict.Reasons);
        await WaitForAsync(() => harness.Record.Events.Count(DeviceAlarms.UnknownFirmware) == 1);
    }

    [Fact]
    public async Task IngestAsync_FlatlineFromACompromisedDevice_IsSuspectAndTellsSecurity()
    {
        await using var harness = new IngestHarness();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        var (id, sealer) = harness.Enroll("cgm-flat", "p-2", clock);
        var ingest = new DeviceIngest(id, harness.Services);
        for (var i = 0; i < 12; i++)
        {
            await ingest.IngestAsync(IngestHarness.Request(sealer.Seal([Glucose(clock.GetUtcNow(), 104)])));
            clock.Advance(TimeSpan.FromMinutes(5));
        }

        var readings = harness.Record.Readings.Query(new ReadingQuery { DeviceId = id }).OrderBy(r => r.At).ToList();
        Assert.All(readings.Take(8), r => Assert.Equal(VerdictStatus.Verified, r.Verdict.Status));
        Assert.All(readings.Skip(8), r => Assert.Contains(ReasonCodes.Flatline, r.Verdict.Reasons));
        await WaitForAsync(() => harness.Record.Events.Count(DeviceAlarms.ImplausibleData) == 1);
    }

    [Fact]
    public async Task IngestAsync_TwoBatchesUnderOneSequence_OpensACloneIncidentAndQuarantines()
    {
        await using var harness = new IngestHarness();
        var (id, sealer) = harness.Enroll("cgm-clone", "p-3");
        var ingest = new DeviceIngest(id, harness.Services);
        var start = DateTimeOffset.UtcNow;
        Assert.Equal(Outcomes.Stored.Code, (await ingest.IngestAsync(IngestHarness.Request(sealer.Seal([Glucose(start, 120)])))).Code);
        var cloner = harness.Clone(id);

        var forged = await ingest.IngestAsync(IngestHarness.Request(cloner.Seal([Glucose(start, 65)])));
        var next = await ingest.IngestAsync(IngestHarness.Request(sealer.Seal([Glucose(start.AddSeconds(1), 121)])));

        Assert.Equal(Outcomes.Replay.Code, forged.Code);
        Assert.Equal(DeviceStatus.Quarantined, harness.Record.Registry.FindDevice(id)!.Status);
        Assert.Contains(harness.Record.Trust.Incidents(id), i => i.Kind == "clone");
        Assert.All(harness.Record.Readings.Query(new ReadingQuery { DeviceId = id }), r => Assert.Contains(ReasonCodes.Clone, r.Verdict.Reasons));
        Assert.Equal(Outcomes.Stored.Code, next.Code);
        Assert.Contains(ReasonCodes.Quarantined, harness.Record.Readings.Query(new ReadingQuery { DeviceId = id, Limit = 1 })[0].Verdict.Reasons);
        Assert.Contains(harness.Record.Clinical.Alerts("p-3"), a => a.Rule == AlertRules.DataUntrusted);
        Assert.Single(harness.Record.Events.List(new EventQuery(Verification.TrustResponse.CloneDetected)));
    }

    [Fact]
    public async Task IngestAsync_DeviceClockAhead_IsSuspectOrRejectedWithAnIncident()
    {
        await using var harness = new IngestHarness();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(20));
        var (id, sealer) = harness.Enroll("cgm-clock", "p-5", clock);
        var ingest = new DeviceIngest(id, harness.Services);

        await ingest.IngestAsync(IngestHarness.Request(sealer.Seal([Glucose(clock.GetUtcNow(), 110)])));
        clock.Advance(TimeSpan.FromHours(2));
        await ingest.IngestAsync(IngestHarness.Request(sealer.Seal([Glucose(clock.GetUtcNow(), 111)])));

        var readings = harness.Record.Readings.Query(new ReadingQuery { DeviceId = id }).OrderBy(r => r.At).ToList();
        Assert.Equal(VerdictStatus.Suspect, readings[0].Verdict.Status);
        Assert.Contains(ReasonCodes.ClockSkew, readings[0].Verdict.Reasons);
        Assert.Equal(VerdictStatus.Rejected, readings[1].Verdict.Status);
        Assert.Single(harness.Record.Trust.Incidents(id), i => i.Kind == DeviceAlarms.ClockSkew);
        await WaitForAsync(() => harness.Record.Events.Count(DeviceAlarms.ClockSkew) >= 1);
    }

    [Fact]
    public async Task IngestAsync_Hypoglycaemia_RaisesAVerifiedAlertThatCanBeEscalated()
    {
        await using var harness = new IngestHarness();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        var (id, sealer) = harness.Enroll("cgm-hypo", "p-6", clock);
        var ingest = new DeviceIngest(id, harness.Services);
        foreach (var value in new double[] { 92, 84, 77, 70, 66, 63 })
        {
            await ingest.IngestAsync(IngestHarness.Request(sealer.Seal([Glucose(clock.GetUtcNow(), value)])));
            clock.Advance(TimeSpan.FromMinutes(5));
        }

        var alert = Assert.Single(harness.Record.Clinical.Alerts("p-6"));
        Assert.Equal(AlertRules.GlucoseLow, alert.Rule);
        Assert.Equal(VerdictStatus.Verified, alert.Integrity);
        Assert.False(alert.Unconfirmed);
        Assert.Equal(2, alert.Occurrences);
        Assert.Equal(AlertStatus.Escalated, AlertWorkflow.Apply(alert.Status, alert.Integrity, AlertAction.Escalate).Next);
    }

    [Fact]
    public async Task IngestAsync_ImpossibleDesaturation_RaisesAnUnconfirmedAlertThatCannotEscalate()
    {
        await using var harness = new IngestHarness();
        var (id, sealer) = harness.Enroll("oxi-1", "p-7");
        var end = DateTimeOffset.UtcNow;
        var readings = Enumerable.Range(0, 60)
            .Select(s => Reading.Single(MeasurementKind.OxygenSaturation, end.AddSeconds(s - 59), s < 50 ? 97 : 71, "%"))
            .ToList();

        await Send(harness, id, sealer, [.. readings]);

        var alert = Assert.Single(harness.Record.Clinical.Alerts("p-7"));
        Assert.Equal(AlertRules.Desaturation, alert.Rule);
        Assert.Equal(VerdictStatus.Suspect, alert.Integrity);
        Assert.Contains(ReasonCodes.RateOfChange, alert.Reasons);
        Assert.True(alert.Unconfirmed);
        Assert.NotNull(AlertWorkflow.Apply(alert.Status, alert.Integrity, AlertAction.Escalate).Refusal);
    }

    [Fact]
    public async Task IngestAsync_PulseDisagreeingWithEcg_IsRevisedWithHistoryKept()
    {
        await using var harness = new IngestHarness();
        var (ecg, ecgSealer) = harness.Enroll("ecg-1", "p-8");
        var (oxi, oxiSealer) = harness.Enroll("oxi-8", "p-8");
        var now = DateTimeOffset.UtcNow;
        await Send(harness, ecg, ecgSealer, Reading.Single(MeasurementKind.HeartRate, now, 72, "/min"));

        await Send(harness, oxi, oxiSealer, Reading.Single(MeasurementKind.PulseRate, now.AddSeconds(3), 104, "/min"));

        var pulse = Single(harness, oxi);
        Assert.Equal([ReasonCodes.CrossSensor], pulse.Verdict.Reasons);
        Assert.Equal(2, pulse.VerdictVersion);
        var history = harness.Record.Readings.History(new ReadingKey(oxi, pulse.Sequence, pulse.Index));
        Assert.Equal([VerdictStatus.Verified, VerdictStatus.Suspect], history.Select(h => h.Verdict.Status));
    }

    [Fact]
    public async Task IngestAsync_QuarantinedDevice_IsStoredButNeverVerified()
    {
        await using var harness = new IngestHarness();
        var (id, sealer) = harness.Enroll("cgm-q", "p-9");
        harness.Record.Registry.SetDeviceStatus(id, DeviceStatus.Quarantined, "suspected", DateTimeOffset.UtcNow);
        harness.Registry.Invalidate();

        await Send(harness, id, sealer, Glucose(DateTimeOffset.UtcNow, 110));

        Assert.Equal([ReasonCodes.Quarantined], Single(harness, id).Verdict.Reasons);
    }

    [Fact]
    public async Task RecallCreate_CoveredDevice_ReadingsSinceBecomeSuspectAndLaterOnesToo()
    {
        await using var harness = new IngestHarness();
        var (hit, hitSealer) = harness.Enroll("cgm-r1", "p-10", lot: "L7");
        var (miss, missSealer) = harness.Enroll("cgm-r2", "p-11", lot: "L8");
        var now = DateTimeOffset.UtcNow;
        await Send(harness, hit, hitSealer, Glucose(now.AddHours(-3), 130));
        await Send(harness, hit, hitSealer, Glucose(now.AddHours(-1), 131));
        await Send(harness, miss, missSealer, Glucose(now.AddHours(-1), 132));

        var recall = await new Verification.RecallService(harness.Trust).CreateAsync(
            new Recall(0, "M", ["L7"], [], [], now.AddHours(-2), "reads low", now), "tester");
        harness.Registry.Invalidate();
        await Send(harness, hit, hitSealer, Glucose(now, 129));

        Assert.Equal((1, 1), (recall.Devices, recall.Readings));
        var readings = harness.Record.Readings.Query(new ReadingQuery { DeviceId = hit }).OrderBy(r => r.At).ToList();
        Assert.Equal(VerdictStatus.Verified, readings[0].Verdict.Status);
        Assert.All(readings.Skip(1), r => Assert.Equal([ReasonCodes.Recall], r.Verdict.Reasons));
        Assert.Equal(2, harness.Record.Readings.History(new ReadingKey(hit, readings[1].Sequence, 0)).Count);
        Assert.Equal(VerdictStatus.Verified, Single(harness, miss).Verdict.Status);
        Assert.Contains(harness.Record.Clinical.Alerts("p-10"), a => a.Rule == AlertRules.DataUntrusted);
        Assert.DoesNotContain(harness.Record.Clinical.Alerts("p-11"), a => a.Rule == AlertRules.DataUntrusted);
    }

    [Fact]
    public async Task Calibrations_LotReadingThirtyPercentLow_FlagsEveryDeviceOfTheLot()
    {
        await using var harness = new IngestHarness();
        var start = DateTimeOffset.UtcNow.AddHours(-6);
        var devices = new List<(DeviceId Id, DeviceSealer Sealer)>();
        for (var p = 0; p < 3; p++)
        {
            devices.Add(harness.Enroll($"cgm-lot-{p}", $"p-lot-{p}", lot: "BAD-LOT"));
        }

        var calibrations = new Verification.CalibrationService(harness.Trust, harness.Record.Clinical, harness.Record.Readings);
        for (var p = 0; p < 2; p++)
        {
            for (var k = 0; k < 2; k++)
            {
                var at = start.AddHours(k);
                await Send(harness, devices[p].Id, devices[p].Sealer, Glucose(at, 84 + k));
                calibrations.Add($"p-lot-{p}", at.AddMinutes(1), 120 + k, "nurse", DateTimeOffset.UtcNow);
            }
        }

        Assert.All(devices, d => Assert.Contains(harness.Record.Trust.Flags(d.Id), f => f.Flag == ReasonCodes.LotDrift));
        Assert.Contains(harness.Record.Trust.Incidents(), i => i.Kind == "lot-drift");
        Assert.All(
            harness.Record.Readings.Query(new ReadingQuery { DeviceId = devices[0].Id }),
            r => Assert.Contains(ReasonCodes.LotDrift, r.Verdict.Reasons));
    }

    [Fact]
    public async Task Calibrations_TwoLotsDrifting_EachGetsItsOwnIncident()
    {
        await using var harness = new IngestHarness();
        var calibrations = new Verification.CalibrationService(harness.Trust, harness.Record.Clinical, harness.Record.Readings);
        var start = DateTimeOffset.UtcNow.AddHours(-6);
        foreach (var lot in new[] { "LOT-A", "LOT-B" })
        {
            for (var p = 0; p < 2; p++)
            {
                var (id, sealer) = harness.Enroll($"cgm-{lot.ToLowerInvariant()}-{p}", $"p-{lot}-{p}", lot: lot);
                for (var k = 0; k < 2; k++)
                {
                    await Send(harness, id, sealer, Glucose(start.AddHours(k), 84 + k));
                    calibrations.Add($"p-{lot}-{p}", start.AddHours(k).AddMinutes(1), 120 + k, "nurse", DateTimeOffset.UtcNow);
                }
            }
        }

        var incidents = harness.Record.Trust.Incidents().Where(i => i.Kind == "lot-drift").ToList();

        Assert.Equal(["lot M/LOT-A", "lot M/LOT-B"], incidents.Select(i => i.Subject).Order(StringComparer.Ordinal));
    }

    private static async Task<IngestResult> Send(IngestHarness harness, DeviceId id, DeviceSealer sealer, params Reading[] readings) =>
        await new DeviceIngest(id, harness.Services).IngestAsync(IngestHarness.Request(sealer.Seal(readings)));

    private static StoredReading Single(IngestHarness harness, DeviceId id) =>
        Assert.Single(harness.Record.Readings.Query(new ReadingQuery { DeviceId = id }));

    private static Reading Glucose(DateTimeOffset at, double value) => Reading.Single(MeasurementKind.Glucose, at, value, "mg/dL");

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the condition");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}

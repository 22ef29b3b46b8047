using Microsoft.Extensions.Time.Testing;
using Vigil.Device.Sealing;
using Vigil.Domain.Clinical;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Domain.Security;
using Vigil.Domain.Verification;
using Vigil.Platform.Devices;
using Vigil.Platform.Ingest;
using Vigil.Protocol;
using Vigil.Record.Events;
using Vigil.Record.Readings;

namespace Vigil.Platform.Tests;

public sealed class VerificationIngestTests
{
    [Fact]
    public async Task IngestAsync_PlausibleReading_IsStoredVerifiedInTheSameCommit()
    {
        await using var harness = new IngestHarness();
        var (id, sealer) = await harness.EnrollAsync("cgm-ok", "p-1");

        var result = await Send(harness, id, sealer, Glucose(DateTimeOffset.UtcNow, 112));

        Assert.Equal(Outcomes.Stored.Code, result.Code);
        var stored = Assert.Single(await harness.Record.Readings.QueryAsync(new ReadingQuery { DeviceId = id }, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(VerdictStatus.Verified, stored.Verdict.Status);
        Assert.Equal(PatientId.Parse("p-1"), stored.PatientId);
        Assert.Equal(112, stored.Values[0]);
    }

    [Fact]
    public async Task IngestAsync_UnknownFirmware_IsSuspectWithAnEvent()
    {
        await using var harness = new IngestHarness();
        var (id, sealer) = await harness.EnrollAsync("cgm-fw", firmware: "tampered image");

        await Send(harness, id, sealer, Glucose(DateTimeOffset.UtcNow, 112));

        Assert.Equal([ReasonCodes.UnknownFirmware], (await SingleAsync(harness, id)).Verdict.Reasons);
        await WaitForAsync(async () => await harness.Record.Events.CountAsync(DeviceAlarms.UnknownFirmware) == 1);
    }

    [Fact]
    public async Task IngestAsync_FlatlineFromACompromisedDevice_IsSuspectAndTellsSecurity()
    {
        await using var harness = new IngestHarness();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        var (id, sealer) = await harness.EnrollAsync("cgm-flat", "p-2", clock);
        var ingest = new DeviceIngest(id, harness.Services);
        for (var i = 0; i < 12; i++)
        {
            await ingest.IngestAsync(IngestHarness.Request(sealer.Seal([Glucose(clock.GetUtcNow(), 104)])));
            clock.Advance(TimeSpan.FromMinutes(5));
        }

        var readings = (await harness.Record.Readings.QueryAsync(new ReadingQuery { DeviceId = id }, cancellationToken: TestContext.Current.CancellationToken)).OrderBy(r => r.At).ToList();
        Assert.All(readings.Take(8), r => Assert.Equal(VerdictStatus.Verified, r.Verdict.Status));
        Assert.All(readings.Skip(8), r => Assert.Contains(ReasonCodes.Flatline, r.Verdict.Reasons));
        await WaitForAsync(async () => await harness.Record.Events.CountAsync(DeviceAlarms.ImplausibleData) == 1);
    }

    [Fact]
    public async Task IngestAsync_TwoBatchesUnderOneSequence_OpensACloneIncidentAndQuarantines()
    {
        await using var harness = new IngestHarness();
        var (id, sealer) = await harness.EnrollAsync("cgm-clone", "p-3");
        var ingest = new DeviceIngest(id, harness.Services);
        var start = DateTimeOffset.UtcNow;
        Assert.Equal(Outcomes.Stored.Code, (await ingest.IngestAsync(IngestHarness.Request(sealer.Seal([Glucose(start, 120)])))).Code);
        var cloner = harness.Clone(id);

        var forged = await ingest.IngestAsync(IngestHarness.Request(cloner.Seal([Glucose(start, 65)])));
        var next = await ingest.IngestAsync(IngestHarness.Request(sealer.Seal([Glucose(start.AddSeconds(1), 121)])));

        Assert.Equal(Outcomes.Replay.Code, forged.Code);
        Assert.Equal(DeviceStatus.Quarantined, (await harness.Record.Registry.FindDeviceAsync(id, cancellationToken: TestContext.Current.CancellationToken))!.Status);
        Assert.Contains(await harness.Record.Trust.IncidentsAsync(id, cancellationToken: TestContext.Current.CancellationToken), i => i.Kind == IncidentKind.Clone);
        Assert.All(await harness.Record.Readings.QueryAsync(new ReadingQuery { DeviceId = id }, cancellationToken: TestContext.Current.CancellationToken), r => Assert.Contains(ReasonCodes.Clone, r.Verdict.Reasons));
        Assert.Equal(Outcomes.Stored.Code, next.Code);
        Assert.Contains(ReasonCodes.Quarantined, (await harness.Record.Readings.QueryAsync(new ReadingQuery { DeviceId = id, Limit = 1 }, cancellationToken: TestContext.Current.CancellationToken))[0].Verdict.Reasons);
        Assert.Contains(await harness.Record.Clinical.AlertsAsync(PatientId.Parse("p-3"), cancellationToken: TestContext.Current.CancellationToken), a => a.Rule == AlertRules.DataUntrusted);
        Assert.Single(await harness.Record.Events.ListAsync(new EventQuery(Verification.TrustResponse.CloneDetected), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IngestAsync_DeviceClockAhead_IsSuspectOrRejectedWithAnIncident()
    {
        await using var harness = new IngestHarness();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(20));
        var (id, sealer) = await harness.EnrollAsync("cgm-clock", "p-5", clock);
        var ingest = new DeviceIngest(id, harness.Services);

        await ingest.IngestAsync(IngestHarness.Request(sealer.Seal([Glucose(clock.GetUtcNow(), 110)])));
        clock.Advance(TimeSpan.FromHours(2));
        await ingest.IngestAsync(IngestHarness.Request(sealer.Seal([Glucose(clock.GetUtcNow(), 111)])));

        var readings = (await harness.Record.Readings.QueryAsync(new ReadingQuery { DeviceId = id }, cancellationToken: TestContext.Current.CancellationToken)).OrderBy(r => r.At).ToList();
        Assert.Equal(VerdictStatus.Suspect, readings[0].Verdict.Status);
        Assert.Contains(ReasonCodes.ClockSkew, readings[0].Verdict.Reasons);
        Assert.Equal(VerdictStatus.Rejected, readings[1].Verdict.Status);
        Assert.Single(await harness.Record.Trust.IncidentsAsync(id, cancellationToken: TestContext.Current.CancellationToken), i => i.Kind == IncidentKind.ClockSkew);
        await WaitForAsync(async () => await harness.Record.Events.CountAsync(DeviceAlarms.ClockSkew) >= 1);
    }

    [Fact]
    public async Task IngestAsync_Hypoglycaemia_RaisesAVerifiedAlertThatCanBeEscalated()
    {
        await using var harness = new IngestHarness();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        var (id, sealer) = await harness.EnrollAsync("cgm-hypo", "p-6", clock);
        var ingest = new DeviceIngest(id, harness.Services);
        foreach (var value in new double[] { 92, 84, 77, 70, 66, 63 })
        {
            await ingest.IngestAsync(IngestHarness.Request(sealer.Seal([Glucose(clock.GetUtcNow(), value)])));
            clock.Advance(TimeSpan.FromMinutes(5));
        }

        var alert = Assert.Single(await harness.Record.Clinical.AlertsAsync(PatientId.Parse("p-6"), cancellationToken: TestContext.Current.CancellationToken));
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
        var (id, sealer) = await harness.EnrollAsync("oxi-1", "p-7");
        var end = DateTimeOffset.UtcNow;
        var readings = Enumerable.Range(0, 60)
            .Select(s => Reading.Single(MeasurementKind.OxygenSaturation, end.AddSeconds(s - 59), s < 50 ? 97 : 71, "%"))
            .ToList();

        await Send(harness, id, sealer, [.. readings]);

        var alert = Assert.Single(await harness.Record.Clinical.AlertsAsync(PatientId.Parse("p-7"), cancellationToken: TestContext.Current.CancellationToken));
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
        var (ecg, ecgSealer) = await harness.EnrollAsync("ecg-1", "p-8");
        var (oxi, oxiSealer) = await harness.EnrollAsync("oxi-8", "p-8");
        var now = DateTimeOffset.UtcNow;
        await Send(harness, ecg, ecgSealer, Reading.Single(MeasurementKind.HeartRate, now, 72, "/min"));

        await Send(harness, oxi, oxiSealer, Reading.Single(MeasurementKind.PulseRate, now.AddSeconds(3), 104, "/min"));

        var pulse = await SingleAsync(harness, oxi);
        Assert.Equal([ReasonCodes.CrossSensor], pulse.Verdict.Reasons);
        Assert.Equal(2, pulse.VerdictVersion);
        var history = await harness.Record.Readings.HistoryAsync(new ReadingKey(oxi, pulse.Sequence, pulse.Index), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([VerdictStatus.Verified, VerdictStatus.Suspect], history.Select(h => h.Verdict.Status));
    }

    [Fact]
    public async Task IngestAsync_QuarantinedDevice_IsStoredButNeverVerified()
    {
        await using var harness = new IngestHarness();
        var (id, sealer) = await harness.EnrollAsync("cgm-q", "p-9");
        await harness.Record.Registry.SetDeviceStatusAsync(id, DeviceStatus.Quarantined, "suspected", DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken);
        await harness.Registry.InvalidateAsync(cancellationToken: TestContext.Current.CancellationToken);

        await Send(harness, id, sealer, Glucose(DateTimeOffset.UtcNow, 110));

        Assert.Equal([ReasonCodes.Quarantined], (await SingleAsync(harness, id)).Verdict.Reasons);
    }

    [Fact]
    public async Task RecallCreate_CoveredDevice_ReadingsSinceBecomeSuspectAndLaterOnesToo()
    {
        await using var harness = new IngestHarness();
        var (hit, hitSealer) = await harness.EnrollAsync("cgm-r1", "p-10", lot: "L7");
        var (miss, missSealer) = await harness.EnrollAsync("cgm-r2", "p-11", lot: "L8");
        var now = DateTimeOffset.UtcNow;
        await Send(harness, hit, hitSealer, Glucose(now.AddHours(-3), 130));
        await Send(harness, hit, hitSealer, Glucose(now.AddHours(-1), 131));
        await Send(harness, miss, missSealer, Glucose(now.AddHours(-1), 132));

        var recall = await harness.Get<Verification.RecallService>().CreateAsync(
            new Recall(0, "M", ["L7"], [], [], now.AddHours(-2), "reads low", now), "tester");
        await harness.Registry.InvalidateAsync(cancellationToken: TestContext.Current.CancellationToken);
        await Send(harness, hit, hitSealer, Glucose(now, 129));

        Assert.Equal((1, 1), (recall.Devices, recall.Readings));
        var readings = (await harness.Record.Readings.QueryAsync(new ReadingQuery { DeviceId = hit }, cancellationToken: TestContext.Current.CancellationToken)).OrderBy(r => r.At).ToList();
        Assert.Equal(VerdictStatus.Verified, readings[0].Verdict.Status);
        Assert.All(readings.Skip(1), r => Assert.Equal([ReasonCodes.Recall], r.Verdict.Reasons));
        Assert.Equal(2, (await harness.Record.Readings.HistoryAsync(new ReadingKey(hit, readings[1].Sequence, 0), cancellationToken: TestContext.Current.CancellationToken)).Count);
        Assert.Equal(VerdictStatus.Verified, (await SingleAsync(harness, miss)).Verdict.Status);
        Assert.Contains(await harness.Record.Clinical.AlertsAsync(PatientId.Parse("p-10"), cancellationToken: TestContext.Current.CancellationToken), a => a.Rule == AlertRules.DataUntrusted);
        Assert.DoesNotContain(await harness.Record.Clinical.AlertsAsync(PatientId.Parse("p-11"), cancellationToken: TestContext.Current.CancellationToken), a => a.Rule == AlertRules.DataUntrusted);
    }

    [Fact]
    public async Task Calibrations_LotReadingThirtyPercentLow_FlagsEveryDeviceOfTheLot()
    {
        await using var harness = new IngestHarness();
        var start = DateTimeOffset.UtcNow.AddHours(-6);
        var devices = new List<(DeviceId Id, DeviceSealer Sealer)>();
        for (var p = 0; p < 3; p++)
        {
            devices.Add(await harness.EnrollAsync($"cgm-lot-{p}", $"p-lot-{p}", lot: "BAD-LOT"));
        }

        var calibrations = harness.Get<Verification.CalibrationService>();
        for (var p = 0; p < 2; p++)
        {
            for (var k = 0; k < 2; k++)
            {
                var at = start.AddHours(k);
                await Send(harness, devices[p].Id, devices[p].Sealer, Glucose(at, 84 + k));
                await calibrations.AddAsync(PatientId.Parse($"p-lot-{p}"), at.AddMinutes(1), 120 + k, "nurse", DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken);
            }
        }

        Assert.All(devices, async d => Assert.Contains(await harness.Record.Trust.FlagsAsync(d.Id, cancellationToken: TestContext.Current.CancellationToken), f => f.Flag == DeviceFlagKind.LotDrift));
        Assert.Contains(await harness.Record.Trust.IncidentsAsync(cancellationToken: TestContext.Current.CancellationToken), i => i.Kind == IncidentKind.LotDrift);
        Assert.All(
            await harness.Record.Readings.QueryAsync(new ReadingQuery { DeviceId = devices[0].Id }, cancellationToken: TestContext.Current.CancellationToken),
            r => Assert.Contains(ReasonCodes.LotDrift, r.Verdict.Reasons));
    }

    [Fact]
    public async Task Calibrations_TwoLotsDrifting_EachGetsItsOwnIncident()
    {
        await using var harness = new IngestHarness();
        var calibrations = harness.Get<Verification.CalibrationService>();
        var start = DateTimeOffset.UtcNow.AddHours(-6);
        foreach (var lot in new[] { "LOT-A", "LOT-B" })
        {
            for (var p = 0; p < 2; p++)
            {
                var (id, sealer) = await harness.EnrollAsync($"cgm-{lot.ToLowerInvariant()}-{p}", $"p-{lot}-{p}", lot: lot);
                for (var k = 0; k < 2; k++)
                {
                    await Send(harness, id, sealer, Glucose(start.AddHours(k), 84 + k));
                    await calibrations.AddAsync(PatientId.Parse($"p-{lot}-{p}"), start.AddHours(k).AddMinutes(1), 120 + k, "nurse", DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken);
                }
            }
        }

        var incidents = (await harness.Record.Trust.IncidentsAsync(cancellationToken: TestContext.Current.CancellationToken)).Where(i => i.Kind == IncidentKind.LotDrift).ToList();

        Assert.Equal(["lot M/LOT-A", "lot M/LOT-B"], incidents.Select(i => i.Subject).Order(StringComparer.Ordinal));
    }

    private static async Task<IngestResult> Send(IngestHarness harness, DeviceId id, DeviceSealer sealer, params Reading[] readings) =>
        await new DeviceIngest(id, harness.Services).IngestAsync(IngestHarness.Request(sealer.Seal(readings)));

    private static async Task<StoredReading> SingleAsync(IngestHarness harness, DeviceId id) =>
        Assert.Single(await harness.Record.Readings.QueryAsync(new ReadingQuery { DeviceId = id }));

    private static Reading Glucose(DateTimeOffset at, double value) => Reading.Single(MeasurementKind.Glucose, at, value, "mg/dL");

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the condition");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}

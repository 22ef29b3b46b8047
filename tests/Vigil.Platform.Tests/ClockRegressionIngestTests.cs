using Microsoft.Extensions.Time.Testing;
using Vigil.Device.Sealing;
using Vigil.Device.SecureElements;
using Vigil.Domain.Readings;
using Vigil.Domain.Security;
using Vigil.Domain.Verification;
using Vigil.Platform.Devices;
using Vigil.Protocol;
using Vigil.Record.Readings;
using Vigil.Tests.Shared;

namespace Vigil.Platform.Tests;

/// <summary>
/// T19 across a restart of the device: the SDK keeps its batches' times monotonic (notBefore), so
/// a clock set back shows only in the readings, which earlier sessions already covered.
/// </summary>
public sealed class ClockRegressionIngestTests
{
    private static readonly TimeSpan Cadence = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task IngestAsync_NewSessionWithClockSetBackThreeHours_IsSuspectClockSkewWithAnIncident(bool platformRestarted)
    {
        await using var harness = new IngestHarness();
        var (id, _) = await harness.EnrollAsync("cgm-back", "p-back");
        var counter = new MemorySequenceCounter();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-6));
        var ingest = new DeviceIngest(id, harness.Services);
        var last = await SendAsync(ingest, harness.Sealer(id, counter, clock), clock, 48);

        var restarted = new FakeTimeProvider(clock.GetUtcNow().AddHours(-3));
        var sealer = harness.Sealer(id, counter, restarted, notBefore: last);
        ingest = platformRestarted ? new DeviceIngest(id, harness.Services) : ingest;
        var after = await SendAsync(ingest, sealer, restarted, 3);

        Assert.True(after >= last, "the SDK keeps batch times monotonic");
        var regressed = (await harness.Record.Readings.QueryAsync(new ReadingQuery { DeviceId = id, Limit = 100 }, cancellationToken: TestContext.Current.CancellationToken)).Where(r => r.Sequence > 48).ToList();
        Assert.Equal(3, regressed.Count);
        Assert.All(regressed, r => Assert.Equal(VerdictStatus.Suspect, r.Verdict.Status));
        Assert.All(regressed, r => Assert.Contains(ReasonCodes.ClockSkew, r.Verdict.Reasons));
        Assert.Single(await harness.Record.Trust.IncidentsAsync(id, cancellationToken: TestContext.Current.CancellationToken), i => i.Kind == IncidentKind.ClockSkew);
        Assert.DoesNotContain(await harness.Record.Trust.IncidentsAsync(id, cancellationToken: TestContext.Current.CancellationToken), i => i.Kind == IncidentKind.Clone);
        await Eventually.TrueAsync(async () => await harness.Record.Events.CountAsync(DeviceAlarms.ClockSkew) == 1, "a clock-skew event");
    }

    [Fact]
    public async Task IngestAsync_NewSessionWithClockBackWithinTolerance_IsVerified()
    {
        await using var harness = new IngestHarness();
        var (id, _) = await harness.EnrollAsync("cgm-near", "p-near");
        var counter = new MemorySequenceCounter();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        var ingest = new DeviceIngest(id, harness.Services);
        var last = await SendAsync(ingest, harness.Sealer(id, counter, clock), clock, 6);

        // The next reading would have been 5 min on; the restarted clock reads 1 min before the last one.
        var restarted = new FakeTimeProvider(clock.GetUtcNow() - Cadence - TimeSpan.FromMinutes(1));
        await SendAsync(ingest, harness.Sealer(id, counter, restarted, notBefore: last), restarted, 3);

        Assert.All(await harness.Record.Readings.QueryAsync(new ReadingQuery { DeviceId = id }, cancellationToken: TestContext.Current.CancellationToken), r => Assert.Equal(VerdictStatus.Verified, r.Verdict.Status));
        Assert.Empty(await harness.Record.Trust.IncidentsAsync(id, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IngestAsync_OldSessionsBacklogDeliveredNewestFirstAfterANewSession_IsVerified()
    {
        await using var harness = new IngestHarness();
        var (id, _) = await harness.EnrollAsync("cgm-late", "p-late");
        var counter = new MemorySequenceCounter();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-4));
        var ingest = new DeviceIngest(id, harness.Services);
        var first = harness.Sealer(id, counter, clock);
        var last = await SendAsync(ingest, first, clock, 12);
        var backlog = new List<SealedBatch>();
        for (var i = 0; i < 12; i++)
        {
            backlog.Add(first.Seal([Glucose(clock.GetUtcNow())]));
            last = backlog[^1].Created;
            clock.Advance(Cadence);
        }

        // The device reboots (a new session, its clock kept) while its hub still holds the backlog.
        await SendAsync(ingest, harness.Sealer(id, counter, clock, notBefore: last), clock, 6);
        foreach (var batch in Enumerable.Reverse(backlog))
        {
            Assert.Equal(Outcomes.Stored.Code, (await ingest.IngestAsync(IngestHarness.Request(batch))).Code);
        }

        var readings = await harness.Record.Readings.QueryAsync(new ReadingQuery { DeviceId = id }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(30, readings.Count);
        Assert.All(readings, r => Assert.Equal(VerdictStatus.Verified, r.Verdict.Status));
        Assert.Empty(await harness.Record.Trust.IncidentsAsync(id, cancellationToken: TestContext.Current.CancellationToken));
    }

    // Sends one glucose batch per cadence; returns the last batch's time.
    private static async Task<DateTimeOffset> SendAsync(DeviceIngest ingest, DeviceSealer sealer, FakeTimeProvider clock, int batches)
    {
        var last = DateTimeOffset.MinValue;
        for (var i = 0; i < batches; i++)
        {
            var batch = sealer.Seal([Glucose(clock.GetUtcNow())]);
            Assert.Equal(Outcomes.Stored.Code, (await ingest.IngestAsync(IngestHarness.Request(batch))).Code);
            last = batch.Created;
            clock.Advance(Cadence);
        }

        return last;
    }

    // A value that wanders with time, so no run of values repeats an earlier one (stale-repeat) or stays flat.
    private static Reading Glucose(DateTimeOffset at) =>
        Reading.Single(MeasurementKind.Glucose, at, Math.Round(120 + (10 * Math.Sin(at.ToUnixTimeSeconds() / 1000.0)), 1), "mg/dL");
}

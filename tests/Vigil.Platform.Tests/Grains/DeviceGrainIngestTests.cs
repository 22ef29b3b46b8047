using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Vigil.Device.Sealing;
using Vigil.Domain.Clinical;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Protocol;
using Vigil.Protocol.Receipts;
using Vigil.Record.Events;
using Vigil.Tests.Shared;

namespace Vigil.Platform.Tests.Grains;

/// <summary>
/// Batches through the device grain in a real silo: stored and acknowledged, a replay stored once,
/// the patient grain reached through Orleans, and many devices at once without a stall.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class DeviceGrainIngestTests(SiloFixture silo)
{
    private static readonly TimeSpan Cadence = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task IngestAsync_SealedBatch_IsStoredWithASignedReceiptAndItsReplayIsNotStoredAgain()
    {
        var (id, sealer) = await silo.EnrollAsync("grain-cgm-store", "grain-p-store");
        var batch = sealer.Seal([Glucose(DateTimeOffset.UtcNow, 112)]);

        var stored = await silo.IngestAsync(id, batch);
        var replayed = await silo.IngestAsync(id, batch);

        Assert.Equal(Outcomes.Stored.Code, stored.Code);
        using var key = silo.Receipts.PublicKey();
        var receipt = ReceiptCodec.Verify(stored.Receipt, key);
        Assert.NotNull(receipt);
        Assert.Equal((id, batch.Sequence, Outcomes.Stored.Code), (receipt.DeviceId, receipt.Sequence, receipt.Outcome));
        Assert.Equal(SHA256.HashData(batch.Envelope), receipt.EnvelopeDigest);
        Assert.Equal(Outcomes.Duplicate.Code, replayed.Code);
        Assert.Equal(Outcomes.Duplicate.Code, ReceiptCodec.Verify(replayed.Receipt, key)?.Outcome);
        Assert.Equal(1, await silo.Harness.Record.Batches.CountBatchesAsync(id, TestContext.Current.CancellationToken));
        Assert.Equal(VerdictStatus.Verified, Assert.Single(await silo.ReadingsAsync(id)).Verdict.Status);
        await Eventually.TrueAsync(
            async () => (await silo.Harness.Record.Events.ListAsync(new EventQuery(Outcomes.Replay.Code, id.Value), TestContext.Current.CancellationToken)).Count == 1,
            "one replay event for the batch sent twice");
    }

    [Fact]
    public async Task IngestAsync_GlucoseFallingBelowTheUrgentLow_ThePatientGrainRaisesAVerifiedAlert()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        var (id, sealer) = await silo.EnrollAsync("grain-cgm-hypo", "grain-p-hypo", clock);

        foreach (var value in new double[] { 84, 76, 68, 60, 52, 46 })
        {
            Assert.Equal(Outcomes.Stored.Code, (await silo.IngestAsync(id, sealer.Seal([Glucose(clock.GetUtcNow(), value)]))).Code);
            clock.Advance(Cadence);
        }

        await Eventually.TrueAsync(
            async () => (await AlertAsync("grain-p-hypo", AlertRules.GlucoseUrgentLow))?.Occurrences == 2,
            "an urgent-low alert on the two readings below 54 mg/dL");
        var alert = (await AlertAsync("grain-p-hypo", AlertRules.GlucoseUrgentLow))!;
        Assert.Equal(id, alert.DeviceId);
        Assert.Equal(VerdictStatus.Verified, alert.Integrity);
        Assert.False(alert.Unconfirmed);
        Assert.Equal(52, alert.Value);
    }

    [Fact]
    public async Task IngestAsync_TwentyDevicesSendingTwentyBatchesEachAtOnce_AllAreAcknowledgedAndReachTheirPatients()
    {
        const int Devices = 20;
        const int Batches = 20;
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        var fleet = new List<(DeviceId Id, DeviceSealer Sealer, FakeTimeProvider Clock)>();
        for (var d = 0; d < Devices; d++)
        {
            var clock = new FakeTimeProvider(start);
            var (id, sealer) = await silo.EnrollAsync($"grain-cgm-load-{d}", $"grain-p-load-{d / 2}", clock);
            fleet.Add((id, sealer, clock));
        }

        // Each device sends its batches in order, as it would wait for each acknowledgement; all devices at once.
        var sending = Task.WhenAll(fleet.Select(async (device, d) =>
        {
            var codes = new List<string>();
            for (var b = 0; b < Batches; b++)
            {
                var value = Math.Round(62 + (5 * Math.Sin((b / 3.0) + d)), 1);
                var batch = device.Sealer.Seal([Glucose(device.Clock.GetUtcNow(), value)]);
                device.Clock.Advance(Cadence);
                codes.Add((await silo.IngestAsync(device.Id, batch)).Code);
            }

            return codes;
        }));
        List<string>[] results;
        try
        {
            results = await sending.WaitAsync(silo.IngestTimeout, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{Devices * Batches} batches were not all answered within the ingest timeout ({silo.IngestTimeout.TotalSeconds:0} s): a grain is stalled");
            throw;
        }

        Assert.All(results.SelectMany(codes => codes), code => Assert.Equal(Outcomes.Stored.Code, code));
        foreach (var device in fleet)
        {
            Assert.Equal(Batches, await silo.Harness.Record.Batches.CountBatchesAsync(device.Id, TestContext.Current.CancellationToken));
        }

        // Every batch is below 70 mg/dL: each patient's low-glucose alert counts the batches of both its devices.
        var patients = Enumerable.Range(0, Devices / 2).Select(p => $"grain-p-load-{p}").ToList();
        var occurrences = new Dictionary<string, int>();
        await Eventually.TrueAsync(
            async () =>
            {
                foreach (var patient in patients)
                {
                    occurrences[patient] = (await AlertAsync(patient, AlertRules.GlucoseLow))?.Occurrences ?? 0;
                }

                return occurrences.Values.All(n => n == 2 * Batches);
            },
            () => $"every patient grain to count {2 * Batches} low readings (counted: {string.Join(", ", occurrences.Values)})",
            silo.IngestTimeout);
    }

    private async Task<Alert?> AlertAsync(string patient, string rule) =>
        (await silo.Harness.Record.Clinical.AlertsAsync(PatientId.Parse(patient), cancellationToken: TestContext.Current.CancellationToken)).SingleOrDefault(a => a.Rule == rule);

    private static Reading Glucose(DateTimeOffset at, double value) => Reading.Single(MeasurementKind.Glucose, at, value, "mg/dL");
}

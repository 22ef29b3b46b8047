using System.Numerics;
using System.Security.Cryptography;
using System.Formats.Cbor;
using Microsoft.Extensions.Time.Testing;
using Vigil.Device.Sealing;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Domain.Security;
using Vigil.Domain.Verification;
using Vigil.Platform.Devices;
using Vigil.Platform.Ingest;
using Vigil.Platform.Verification;
using Vigil.Protocol;
using Vigil.Protocol.Sealing;
using Vigil.Record.Events;

namespace Vigil.Platform.Tests;

/// <summary>
/// T05 without false alarms: clone evidence comes only from what the device signed, never from
/// the envelope, the relay, the transport or the address a batch came through.
/// </summary>
public sealed class CloneEvidenceTests
{
    [Fact]
    public async Task IngestAsync_SignedBatchReSealedInAFreshSession_IsAReplayAndNoDeviceIsDistrusted()
    {
        await using var harness = new IngestHarness();
        var (id, sealer) = await harness.EnrollAsync("cgm-reseal", "p-reseal");
        var ingest = new DeviceIngest(id, harness.Services);
        var genuine = Seal(sealer, 120);
        Assert.Equal(Outcomes.Stored.Code, (await ingest.IngestAsync(Relay(genuine.Envelope))).Code);

        var resealed = SealingSession.Begin(id, harness.Recipient, DateTimeOffset.UtcNow).Encrypt(genuine.SignedBatch, genuine.Sequence);
        var malleated = SealingSession.Begin(id, harness.Recipient, DateTimeOffset.UtcNow).Encrypt(Malleate(genuine.SignedBatch), genuine.Sequence);
        var first = await ingest.IngestAsync(Relay(resealed));
        var second = await ingest.IngestAsync(Relay(malleated));
        var next = await ingest.IngestAsync(Relay(Seal(sealer, 121).Envelope));

        Assert.Equal(Outcomes.Duplicate.Code, first.Code);
        Assert.Equal(Outcomes.Duplicate.Code, second.Code);
        Assert.Equal(Outcomes.Stored.Code, next.Code);
        Assert.Equal(DeviceStatus.Active, (await harness.Record.Registry.FindDeviceAsync(id, cancellationToken: TestContext.Current.CancellationToken))!.Status);
        Assert.Empty(await harness.Record.Trust.IncidentsAsync(id, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(2, await harness.Record.Batches.CountBatchesAsync(id, cancellationToken: TestContext.Current.CancellationToken));
        await WaitForAsync(async () => await harness.Record.Events.CountAsync(Outcomes.Replay.Code) >= 1);
        Assert.Empty(await harness.Record.Events.ListAsync(new EventQuery(TrustResponse.CloneDetected), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IngestAsync_KnownSessionIdWithAnotherEphemeralKey_IsRefusedWithoutDistrust()
    {
        await using var harness = new IngestHarness();
        var (id, sealer) = await harness.EnrollAsync("cgm-forged-header");
        var ingest = new DeviceIngest(id, harness.Services);
        var genuine = Seal(sealer, 110);
        Assert.Equal(Outcomes.Stored.Code, (await ingest.IngestAsync(Relay(genuine.Envelope))).Code);

        using var stranger = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var forged = SealingSession.Create(id, harness.Recipient, sealer.Session!.SessionId, sealer.Session.Start, stranger);
        var result = await ingest.IngestAsync(Relay(forged.Encrypt(Seal(sealer, 111).SignedBatch, 2)));
        var next = await ingest.IngestAsync(Relay(Seal(sealer, 112).Envelope));

        Assert.Equal(OpenFailure.SessionConflict.ToCode(), result.Code);
        Assert.Equal(Outcomes.Stored.Code, next.Code);
        Assert.Equal(DeviceStatus.Active, (await harness.Record.Registry.FindDeviceAsync(id, cancellationToken: TestContext.Current.CancellationToken))!.Status);
        Assert.Empty(await harness.Record.Trust.IncidentsAsync(id, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IngestAsync_FreshSignedBatchInAnotherSessionsEnvelope_IsRefusedAsBindingMismatch()
    {
        await using var harness = new IngestHarness();
        var (id, sealer) = await harness.EnrollAsync("cgm-moved");
        var ingest = new DeviceIngest(id, harness.Services);
        Assert.Equal(Outcomes.Stored.Code, (await ingest.IngestAsync(Relay(Seal(sealer, 100).Envelope))).Code);
        var signedForItsSession = Seal(sealer, 101).SignedBatch;

        var moved = SealingSession.Begin(id, harness.Recipient, DateTimeOffset.UtcNow).Encrypt(signedForItsSession, 2);
        var result = await ingest.IngestAsync(Relay(moved));

        Assert.Equal(OpenFailure.BindingMismatch.ToCode(), result.Code);
        Assert.Equal(1, await harness.Record.Batches.CountBatchesAsync(id, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(DeviceStatus.Active, (await harness.Record.Registry.FindDeviceAsync(id, cancellationToken: TestContext.Current.CancellationToken))!.Status);
    }

    [Fact]
    public async Task IngestAsync_OneDeviceRoamingOverRelaysTransportsAndAddresses_IsNeverAClone()
    {
        await using var harness = new IngestHarness();
        var (id, sealer) = await harness.EnrollAsync("cgm-roams", "p-roams");
        var ingest = new DeviceIngest(id, harness.Services);
        (string Principal, string Source)[] paths =
        [
            ("relay:phone-1", "mqtt 10.0.0.5:4000"), ("relay:phone-1", "mqtt 100.64.7.9:4100"), ("relay:hub-1", "https 192.0.2.7:5000"),
            ("relay:phone-1", "mqtt 10.0.0.5:4200"), ("device:cgm-roams", "https 198.51.100.3:443"), ("relay:hub-1", "mqtt 192.0.2.7:5100"),
            ("relay:phone-1", "https 100.64.7.9:4300"), ("relay:hub-1", "mqtt 192.0.2.7:5200"),
        ];

        for (var i = 0; i < paths.Length; i++)
        {
            var result = await ingest.IngestAsync(new IngestRequest(Seal(sealer, 100 + i).Envelope, paths[i].Principal, paths[i].Source));
            Assert.Equal(Outcomes.Stored.Code, result.Code);
        }

        Assert.Equal(DeviceStatus.Active, (await harness.Record.Registry.FindDeviceAsync(id, cancellationToken: TestContext.Current.CancellationToken))!.Status);
        Assert.Empty(await harness.Record.Trust.IncidentsAsync(id, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IngestAsync_TwoCountersInterleavingBehindOneRelay_IsACloneAndQuarantines()
    {
        await using var harness = new IngestHarness();
        var (id, _) = await harness.EnrollAsync("cgm-twins", "p-twins");
        var genuine = harness.Sealer(id, new SequenceList(1, 5, 9));
        var copy = harness.Sealer(id, new SequenceList(3, 7));
        var ingest = new DeviceIngest(id, harness.Services);

        Assert.Equal(Outcomes.Stored.Code, (await ingest.IngestAsync(Relay(Seal(genuine, 120).Envelope))).Code);
        Assert.Equal(Outcomes.Stored.Code, (await ingest.IngestAsync(Relay(Seal(copy, 60).Envelope))).Code);
        Assert.Equal(DeviceStatus.Active, (await harness.Record.Registry.FindDeviceAsync(id, cancellationToken: TestContext.Current.CancellationToken))!.Status);
        await ingest.IngestAsync(Relay(Seal(genuine, 121).Envelope));

        Assert.Equal(DeviceStatus.Quarantined, (await harness.Record.Registry.FindDeviceAsync(id, cancellationToken: TestContext.Current.CancellationToken))!.Status);
        var incident = Assert.Single(await harness.Record.Trust.IncidentsAsync(id, cancellationToken: TestContext.Current.CancellationToken), i => i.Kind == IncidentKind.Clone);
        Assert.Contains(SessionHistory.Overlap, incident.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_ACopyNumberingFarAheadWhileTheDeviceGoesOn_IsAClone()
    {
        await using var harness = new IngestHarness();
        var (id, _) = await harness.EnrollAsync("cgm-ahead", "p-ahead");
        var start = DateTimeOffset.UtcNow.AddMinutes(-20);
        var deviceClock = new FakeTimeProvider(start);
        var copyClock = new FakeTimeProvider(start.AddMinutes(6));
        var genuine = harness.Sealer(id, new SequenceList(1, 2, 3), deviceClock);
        var copy = harness.Sealer(id, new SequenceList(100_000), copyClock);
        var ingest = new DeviceIngest(id, harness.Services);

        await ingest.IngestAsync(Relay(Seal(genuine, 120).Envelope));
        deviceClock.Advance(TimeSpan.FromMinutes(5));
        await ingest.IngestAsync(Relay(Seal(genuine, 118).Envelope));
        await ingest.IngestAsync(Relay(Seal(copy, 50).Envelope));
        Assert.Equal(DeviceStatus.Active, (await harness.Record.Registry.FindDeviceAsync(id, cancellationToken: TestContext.Current.CancellationToken))!.Status);
        deviceClock.Advance(TimeSpan.FromMinutes(5));
        await ingest.IngestAsync(Relay(Seal(genuine, 117).Envelope));

        Assert.Equal(DeviceStatus.Quarantined, (await harness.Record.Registry.FindDeviceAsync(id, cancellationToken: TestContext.Current.CancellationToken))!.Status);
        var incident = Assert.Single(await harness.Record.Trust.IncidentsAsync(id, cancellationToken: TestContext.Current.CancellationToken), i => i.Kind == IncidentKind.Clone);
        Assert.Contains(SessionHistory.Order, incident.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_CloneEvidenceAfterTheActorRestarts_IsRebuiltFromTheRecord()
    {
        await using var harness = new IngestHarness();
        var (id, _) = await harness.EnrollAsync("cgm-restart", "p-restart");
        var genuine = harness.Sealer(id, new SequenceList(1, 9));
        var copy = harness.Sealer(id, new SequenceList(4));
        await new DeviceIngest(id, harness.Services).IngestAsync(Relay(Seal(genuine, 120).Envelope));
        await new DeviceIngest(id, harness.Services).IngestAsync(Relay(Seal(copy, 60).Envelope));
        Assert.Equal(DeviceStatus.Active, (await harness.Record.Registry.FindDeviceAsync(id, cancellationToken: TestContext.Current.CancellationToken))!.Status);

        await new DeviceIngest(id, harness.Services).IngestAsync(Relay(Seal(genuine, 119).Envelope));

        Assert.Equal(DeviceStatus.Quarantined, (await harness.Record.Registry.FindDeviceAsync(id, cancellationToken: TestContext.Current.CancellationToken))!.Status);
    }

    private static IngestRequest Relay(byte[] envelope) => new(envelope, "relay:hub-1", "mqtt 127.0.0.1:40000");

    private static SealedBatch Seal(DeviceSealer sealer, double glucose) => sealer.Seal([Reading.Single(MeasurementKind.Glucose, DateTimeOffset.UtcNow.AddMinutes(-1), glucose, "mg/dL")]);

    // The other valid signature over the same content, (r, n - s), which anyone can make without the key.
    private static byte[] Malleate(byte[] coseSign1)
    {
        var order = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);
        var reader = new CborReader(coseSign1);
        var tag = reader.ReadTag();
        reader.ReadStartArray();
        var protectedHeader = reader.ReadByteString();
        reader.SkipValue();
        var payload = reader.ReadByteString();
        var signature = reader.ReadByteString();
        var s = new BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        var flipped = (order - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        var malleated = signature[..32].Concat(new byte[32 - flipped.Length]).Concat(flipped).ToArray();
        var writer = new CborWriter();
        writer.WriteTag(tag);
        writer.WriteStartArray(4);
        writer.WriteByteString(protectedHeader);
        writer.WriteStartMap(0);
        writer.WriteEndMap();
        writer.WriteByteString(payload);
        writer.WriteByteString(malleated);
        writer.WriteEndArray();
        var result = writer.Encode();
        Assert.False(result.AsSpan().SequenceEqual(coseSign1));
        return result;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 10 s");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Protocol.Receipts;
using Vigil.Record.Events;
using Vigil.Tests.Shared;

namespace Vigil.Server.Tests;

public sealed class MqttIngestTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Publish_SealedBatch_IsStoredOnceAndAcknowledgedWithAVerifiableReceipt()
    {
        var device = await server.DeviceAsync("mq-ok-1");
        await using var sender = await server.ConnectOrFailAsync(device.Certificate);
        var batch = device.Seal();

        var delivery = await sender.SendAsync(device.Id, batch.Envelope, TestContext.Current.CancellationToken);

        Assert.True(delivery.Acknowledged, delivery.Code);
        Assert.Equal("stored", delivery.Code);
        Assert.NotNull(await server.Batches.FindBatchAsync(device.Id, batch.Sequence, cancellationToken: TestContext.Current.CancellationToken));
        using var signingKey = server.Folder.SigningCertificate.GetECDsaPublicKey()!;
        var receipt = ReceiptCodec.Verify(delivery.Receipt, signingKey);
        Assert.NotNull(receipt);
        Assert.Equal(device.Id, receipt.DeviceId);
        Assert.Equal(batch.Sequence, receipt.Sequence);
        Assert.Equal(SHA256.HashData(batch.Envelope), receipt.EnvelopeDigest);
    }

    [Fact]
    public async Task Publish_SameBatchTwice_StoresOnceAndRecordsTheReplay()
    {
        var device = await server.DeviceAsync("mq-replay-1");
        await using var sender = await server.ConnectOrFailAsync(device.Certificate);
        var batch = device.Seal();

        var first = await sender.SendAsync(device.Id, batch.Envelope, TestContext.Current.CancellationToken);
        var again = await sender.SendAsync(device.Id, batch.Envelope, TestContext.Current.CancellationToken);

        Assert.Equal("stored", first.Code);
        Assert.Equal("duplicate", again.Code);
        Assert.Equal(1, await server.Batches.CountBatchesAsync(device.Id, cancellationToken: TestContext.Current.CancellationToken));
        await server.WaitForEventAsync("replay", device.Id.Value);
    }

    [Fact]
    public async Task Publish_OtherBytesUnderAStoredSequenceNumber_IsRefusedAsReplay()
    {
        var device = await server.DeviceAsync("mq-clone-1");
        await using var sender = await server.ConnectOrFailAsync(device.Certificate);
        var original = device.Seal(104);
        var twin = new Vigil.Device.Sealing.DeviceSealer(
            new Vigil.Device.SecureElements.SoftwareSecureElement(device.Certificate, new Vigil.Device.SecureElements.MemorySequenceCounter(original.Sequence)),
            server.Recipient, System.Security.Cryptography.SHA256.HashData("fw"u8), TimeProvider.System);
        var forgedTwin = twin.Seal([Vigil.Domain.Readings.Reading.Single(Vigil.Domain.Readings.MeasurementKind.Glucose, DateTimeOffset.UtcNow, 180, "mg/dL")]);

        Assert.Equal("stored", (await sender.SendAsync(device.Id, original.Envelope, TestContext.Current.CancellationToken)).Code);
        var delivery = await sender.SendAsync(device.Id, forgedTwin.Envelope, TestContext.Current.CancellationToken);

        Assert.Equal(original.Sequence, forgedTwin.Sequence);
        Assert.Equal("replay", delivery.Code);
        Assert.Equal("NotAuthorized", delivery.TransportStatus);
        Assert.Equal(SHA256.HashData(original.Envelope), (await server.Batches.FindBatchAsync(device.Id, original.Sequence, cancellationToken: TestContext.Current.CancellationToken))!.EnvelopeDigest);
    }

    [Fact]
    public async Task Publish_BacklogOutOfOrder_AcceptsEachOnce()
    {
        var device = await server.DeviceAsync("mq-backfill-1");
        await using var sender = await server.ConnectOrFailAsync(device.Certificate);
        var backlog = Enumerable.Range(0, 12).Select(_ => device.Seal()).ToList();
        var live = device.Seal();

        Assert.Equal("stored", (await sender.SendAsync(device.Id, live.Envelope, TestContext.Current.CancellationToken)).Code);
        foreach (var batch in backlog.AsEnumerable().Reverse())
        {
            Assert.Equal("stored", (await sender.SendAsync(device.Id, batch.Envelope, TestContext.Current.CancellationToken)).Code);
        }

        Assert.Equal(13, await server.Batches.CountBatchesAsync(device.Id, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("duplicate", (await sender.SendAsync(device.Id, backlog[3].Envelope, TestContext.Current.CancellationToken)).Code);
        Assert.Equal(13, await server.Batches.CountBatchesAsync(device.Id, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Publish_ToAnotherDevicesTopic_IsRefusedNotAuthorized()
    {
        var mallory = await server.DeviceAsync("mq-lateral-1");
        var victim = await server.DeviceAsync("mq-lateral-2");
        await using var sender = await server.ConnectOrFailAsync(mallory.Certificate);

        var delivery = await sender.SendAsync(victim.Id, mallory.Seal().Envelope, TestContext.Current.CancellationToken);

        Assert.False(delivery.Acknowledged);
        Assert.Equal("topic-denied", delivery.Code);
        Assert.Equal("NotAuthorized", delivery.TransportStatus);
        Assert.Equal(0, await server.Batches.CountBatchesAsync(victim.Id, cancellationToken: TestContext.Current.CancellationToken));
        await server.WaitForEventAsync("topic-denied", victim.Id.Value);
    }

    [Fact]
    public async Task Publish_OutsideTheTopicScheme_IsRefusedTopicNameInvalid()
    {
        var device = await server.DeviceAsync("mq-topic-1");
        await using var sender = await server.ConnectOrFailAsync(device.Certificate);

        var delivery = await sender.PublishAsync("telemetry/raw", device.Seal().Envelope, TestContext.Current.CancellationToken);

        Assert.Equal("topic-invalid", delivery.Code);
        Assert.Equal("TopicNameInvalid", delivery.TransportStatus);
        await server.WaitForEventAsync("topic-invalid");
    }

    [Fact]
    public async Task Subscribe_ToAnotherDevicesCommands_IsRefused()
    {
        var device = await server.DeviceAsync("mq-sub-1");
        await using var sender = await server.ConnectOrFailAsync(device.Certificate);

        Assert.Equal("GrantedQoS1", await sender.SubscribeAsync("vigil/v1/devices/mq-sub-1/commands", TestContext.Current.CancellationToken));
        Assert.Equal("NotAuthorized", await sender.SubscribeAsync("vigil/v1/devices/mq-ok-1/commands", TestContext.Current.CancellationToken));
        Assert.Equal("NotAuthorized", await sender.SubscribeAsync("vigil/v1/devices/+/batches", TestContext.Current.CancellationToken));
        Assert.Equal("NotAuthorized", await sender.SubscribeAsync("#", TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("truncated")]
    [InlineData("tampered")]
    [InlineData("empty")]
    public async Task Publish_BadPayload_IsRefusedAndNothingIsStored(string kind)
    {
        var device = await server.DeviceAsync($"mq-bad-{kind}");
        await using var sender = await server.ConnectOrFailAsync(device.Certificate);
        var envelope = device.Seal().Envelope;
        byte[] payload = kind switch
        {
            "random" => RandomNumberGenerator.GetBytes(500),
            "truncated" => envelope[..(envelope.Length / 2)],
            "tampered" => [.. envelope[..^20], (byte)(envelope[^20] ^ 1), .. envelope[^19..]],
            _ => [],
        };

        var delivery = await sender.SendAsync(device.Id, payload, TestContext.Current.CancellationToken);

        Assert.False(delivery.Acknowledged);
        Assert.Contains(delivery.TransportStatus, new[] { "PayloadFormatInvalid", "NotAuthorized" });
        Assert.Equal(0, await server.Batches.CountBatchesAsync(device.Id, cancellationToken: TestContext.Current.CancellationToken));
        await server.WaitForEventAsync(delivery.Code, device.Id.Value);
        Assert.True(sender.IsConnected);
    }

    [Fact]
    public async Task Publish_AboveTheMessageLimit_IsRefusedOversized()
    {
        var device = await server.DeviceAsync("mq-big-1");
        await using var sender = await server.ConnectOrFailAsync(device.Certificate);

        var delivery = await sender.SendAsync(device.Id, new byte[66_000], TestContext.Current.CancellationToken);

        Assert.Equal("oversized", delivery.Code);
        Assert.Equal("PayloadFormatInvalid", delivery.TransportStatus);
        Assert.True(sender.IsConnected);
        await server.WaitForEventAsync("oversized", device.Id.Value);
    }

    [Fact]
    public async Task Publish_FarAboveThePacketLimit_ClosesTheConnection()
    {
        var device = await server.DeviceAsync("mq-big-2");
        await using var sender = await server.ConnectOrFailAsync(device.Certificate);

        await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(device.Id, new byte[300_000], TestContext.Current.CancellationToken));

        await server.WaitForEventAsync("packet-too-large", device.Id.Value);
        Assert.Contains(device.Id.Value, (await server.Events.ListAsync(new EventQuery("packet-too-large", device.Id.Value), cancellationToken: TestContext.Current.CancellationToken)).First().Principal, StringComparison.Ordinal);
        Assert.Equal(0, await server.Batches.CountBatchesAsync(device.Id, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RawPacket_AnnouncingTwoHundredFiftySixMegabytes_IsCutOffBeforeItsBody()
    {
        var device = await server.DeviceAsync("mq-raw-1");
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, server.MqttPort, TestContext.Current.CancellationToken);
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream(), false);
        await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ClientCertificates = [device.Certificate],
            RemoteCertificateValidationCallback = Simulator.Transport.PlatformTrust.Validator(server.PlatformCa),
        }, TestContext.Current.CancellationToken);

        await tls.WriteAsync(new byte[] { 0x10, 0xFF, 0xFF, 0xFF, 0x7F, 0, 0, 0 }, TestContext.Current.CancellationToken);
        await tls.FlushAsync(TestContext.Current.CancellationToken);
        var buffer = new byte[16];
        int read;
        try
        {
            read = await tls.ReadAsync(buffer, TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }
        catch (IOException)
        {
            read = 0;
        }

        Assert.Equal(0, read);
        await server.WaitForEventAsync("packet-too-large", device.Id.Value);
        Assert.Contains(device.Id.Value, (await server.Events.ListAsync(new EventQuery("packet-too-large", device.Id.Value), cancellationToken: TestContext.Current.CancellationToken)).First().Principal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_CertificateFromUnknownCa_IsRefusedWithAnEvent()
    {
        var rogue = MakerAuthority.Create("Rogue", DateTimeOffset.UtcNow.AddDays(-5), TimeSpan.FromDays(100));
        var device = await server.DeviceAsync("mq-rogue-1", enroll: false, maker: rogue);

        var (sender, refusal) = await server.ConnectAsync(device.Certificate);

        Assert.Null(sender);
        Assert.Contains("untrusted-chain", refusal);
        await server.WaitForEventAsync("untrusted-chain");
    }

    [Fact]
    public async Task Connect_ExpiredCertificate_IsRefusedWithAnEvent()
    {
        var device = await server.DeviceAsync("mq-expired-1", notAfter: DateTimeOffset.UtcNow.AddDays(-1));

        var (sender, refusal) = await server.ConnectAsync(device.Certificate);

        Assert.Null(sender);
        Assert.Contains("certificate-expired", refusal);
        await server.WaitForEventAsync("certificate-expired");
    }

    [Fact]
    public async Task Connect_RevokedDevice_IsRefusedAndItsOpenSessionCanNoLongerStore()
    {
        var device = await server.DeviceAsync("mq-revoked-1");
        await using var before = await server.ConnectOrFailAsync(device.Certificate);
        await server.Registry.SetDeviceStatusAsync(device.Id, DeviceStatus.Revoked, "stolen", DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken);
        await server.RegistryChanged();

        var refused = await before.SendAsync(device.Id, device.Seal().Envelope, TestContext.Current.CancellationToken);
        var (sender, _) = await server.ConnectAsync(device.Certificate);

        Assert.Equal("device-revoked", refused.Code);
        Assert.Null(sender);
        Assert.Equal(0, await server.Batches.CountBatchesAsync(device.Id, cancellationToken: TestContext.Current.CancellationToken));
        await Eventually.TrueAsync(async () => (await server.Events.ListAsync(new EventQuery("device-revoked"))).Count >= 2, "two device-revoked events");
    }

    [Fact]
    public async Task Connect_UnenrolledDeviceOfATrustedMaker_IsRefused()
    {
        var device = await server.DeviceAsync("mq-stranger-1", enroll: false);

        var (sender, refusal) = await server.ConnectAsync(device.Certificate);

        Assert.Null(sender);
        Assert.Contains("not-enrolled", refusal);
        await server.WaitForEventAsync("not-enrolled");
    }

    [Fact]
    public async Task Relay_BoundDevice_IsCarriedAndUnboundDeviceIsRefused()
    {
        var carried = await server.DeviceAsync("mq-relay-dev-1");
        var other = await server.DeviceAsync("mq-relay-dev-2");
        var relayCertificate = await server.RelayAsync("hub-1", carried.Id);
        await using var relay = await server.ConnectOrFailAsync(relayCertificate);

        var ok = await relay.SendAsync(carried.Id, carried.Seal().Envelope, TestContext.Current.CancellationToken);
        var denied = await relay.SendAsync(other.Id, other.Seal().Envelope, TestContext.Current.CancellationToken);

        Assert.Equal("stored", ok.Code);
        Assert.Equal("topic-denied", denied.Code);
        Assert.Equal(0, await server.Batches.CountBatchesAsync(other.Id, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Relay_SealedBatchOfACarriedDeviceWithAnotherDevicesContent_IsRefused()
    {
        var carried = await server.DeviceAsync("mq-relay-dev-3");
        var other = await server.DeviceAsync("mq-relay-dev-4");
        var relayCertificate = await server.RelayAsync("hub-2", carried.Id);
        await using var relay = await server.ConnectOrFailAsync(relayCertificate);

        var delivery = await relay.SendAsync(carried.Id, other.Seal().Envelope, TestContext.Current.CancellationToken);

        Assert.Equal("topic-mismatch", delivery.Code);
        Assert.Equal(0, await server.Batches.CountBatchesAsync(other.Id, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(0, await server.Batches.CountBatchesAsync(carried.Id, cancellationToken: TestContext.Current.CancellationToken));
    }
}

using Vigil.Record.Events;
using Vigil.Tests.Shared;

namespace Vigil.Server.Tests;

/// <summary>
/// A principal that sends too much refused input is held off: its later batches are refused with
/// <c>held-off</c> before any cryptography, its new connections are refused at CONNECT, other
/// devices go on as before, and when the hold ends it is served again.
/// </summary>
public sealed class HoldOffTests
{
    [Fact]
    public async Task Device_AfterTenRefusedInputs_IsHeldOffAloneThenServedAgain()
    {
        await using var server = new ServerFixture().With("Vigil:HoldOffSeconds", "3");
        await server.StartAsync();
        var cancellation = TestContext.Current.CancellationToken;
        var faulty = await server.DeviceAsync("hold-faulty");
        var neighbour = await server.DeviceAsync("hold-neighbour");
        await using var sender = await server.ConnectOrFailAsync(faulty.Certificate);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("malformed", (await sender.SendAsync(faulty.Id, [0xA1, 0x01, (byte)i], cancellation)).Code);
        }

        var genuine = faulty.Seal().Envelope;
        var held = await sender.SendAsync(faulty.Id, genuine, cancellation);
        Assert.Equal("held-off", held.Code);
        Assert.Equal("QuotaExceeded", held.TransportStatus);
        Assert.Equal(0, await server.Batches.CountBatchesAsync(faulty.Id, cancellationToken: TestContext.Current.CancellationToken));
        var (second, refusal) = await server.ConnectAsync(faulty.Certificate);
        Assert.Null(second);
        Assert.Contains("held-off", refusal, StringComparison.Ordinal);

        await using (var other = await server.ConnectOrFailAsync(neighbour.Certificate))
        {
            Assert.Equal("stored", (await other.SendAsync(neighbour.Id, neighbour.Seal().Envelope, cancellation)).Code);
        }

        await server.WaitForEventAsync("held-off", faulty.Id.Value);
        var started = await server.Events.ListAsync(new EventQuery("held-off", faulty.Id.Value), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(started, e => e.Detail.Contains("10 refused inputs", StringComparison.Ordinal));

        await Eventually.TrueAsync(
            async () => (await sender.SendAsync(faulty.Id, genuine, cancellation)).Code == "stored",
            "the genuine batch to be stored once the hold ended",
            TimeSpan.FromSeconds(20));
        Assert.Equal(1, await server.Batches.CountBatchesAsync(faulty.Id, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Relay_ForwardingOneBrokenDevice_IsHeldOffForThatDeviceAlone()
    {
        await using var server = new ServerFixture();
        await server.StartAsync();
        var cancellation = TestContext.Current.CancellationToken;
        var broken = await server.DeviceAsync("hold-hub-broken");
        var healthy = await server.DeviceAsync("hold-hub-healthy");
        await using var hub = await server.ConnectOrFailAsync(await server.RelayAsync("hold-hub", broken.Id, healthy.Id));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("malformed", (await hub.SendAsync(broken.Id, [0xA1, 0x02, (byte)i], cancellation)).Code);
        }

        Assert.Equal("held-off", (await hub.SendAsync(broken.Id, broken.Seal().Envelope, cancellation)).Code);
        Assert.Equal("stored", (await hub.SendAsync(healthy.Id, healthy.Seal().Envelope, cancellation)).Code);
        Assert.Equal(0, await server.Batches.CountBatchesAsync(broken.Id, cancellationToken: TestContext.Current.CancellationToken));
        await server.WaitForEventAsync("held-off", broken.Id.Value);
    }

    [Fact]
    public async Task UnknownCertificates_FromOneAddress_AreHeldOffButEnrolledDevicesThereAreNot()
    {
        await using var server = new ServerFixture();
        await server.StartAsync();
        var rogueMaker = Identity.Certificates.MakerAuthority.Create("Rogue", DateTimeOffset.UtcNow.AddDays(-5), TimeSpan.FromDays(100));
        var rogue = await server.DeviceAsync("hold-rogue", enroll: false, maker: rogueMaker);
        for (var i = 0; i < 10; i++)
        {
            var (refused, refusal) = await server.ConnectAsync(rogue.Certificate);
            Assert.Null(refused);
            Assert.Contains("untrusted-chain", refusal, StringComparison.Ordinal);
        }

        await server.WaitForEventAsync("held-off");
        Assert.Contains(await server.Events.ListAsync(new EventQuery("held-off"), cancellationToken: TestContext.Current.CancellationToken), e => e.Principal == "anonymous" && e.Detail.Contains("127.0.0.1", StringComparison.Ordinal));

        var patientDevice = await server.DeviceAsync("hold-same-address");
        await using var sender = await server.ConnectOrFailAsync(patientDevice.Certificate);
        Assert.Equal("stored", (await sender.SendAsync(patientDevice.Id, patientDevice.Seal().Envelope, TestContext.Current.CancellationToken)).Code);
    }

    [Fact]
    public async Task RateLimitedBatches_AreNoStrike()
    {
        await using var server = new ServerFixture().With("Vigil:DeviceRatePerSecond", "0.01").With("Vigil:DeviceBurst", "1");
        await server.StartAsync();
        var cancellation = TestContext.Current.CancellationToken;
        var chatty = await server.DeviceAsync("hold-chatty");
        await using var sender = await server.ConnectOrFailAsync(chatty.Certificate);
        Assert.Equal("stored", (await sender.SendAsync(chatty.Id, chatty.Seal().Envelope, cancellation)).Code);
        var codes = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            codes.Add((await sender.SendAsync(chatty.Id, chatty.Seal().Envelope, cancellation)).Code);
        }

        Assert.All(codes, c => Assert.Equal("rate-limited", c));
    }
}

using CsCheck;
using Vigil.Domain.Devices;

namespace Vigil.Server.Tests;

public sealed class QuarantineAndFuzzTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task QuarantinedDevice_IsStillStoredButMarked()
    {
        var device = await server.DeviceAsync("q-1");
        await server.Registry.SetDeviceStatusAsync(device.Id, DeviceStatus.Quarantined, "clone suspected", DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken);
        await server.RegistryChanged();
        await using var sender = await server.ConnectOrFailAsync(device.Certificate);
        var batch = device.Seal();

        var delivery = await sender.SendAsync(device.Id, batch.Envelope, TestContext.Current.CancellationToken);

        Assert.Equal("stored", delivery.Code);
        Assert.True((await server.Batches.FindBatchAsync(device.Id, batch.Sequence, cancellationToken: TestContext.Current.CancellationToken))!.Quarantined);
    }

    [Fact]
    public async Task FuzzedPayloads_OverMqtt_AreAllRefusedWithoutCrashOrStorage()
    {
        var device = await server.DeviceAsync("fuzz-1");
        await using var sender = await server.ConnectOrFailAsync(device.Certificate);
        var genuine = device.Seal().Envelope;
        var payloads = Gen.OneOf(
                Gen.Byte.Array[0, 2000],
                Gen.Select(Gen.Int[0, genuine.Length - 1], Gen.Byte[1, 255]).Select((i, x) =>
                {
                    var copy = genuine.ToArray();
                    copy[i] ^= x;
                    return copy;
                }),
                Gen.Int[0, genuine.Length - 1].Select(n => genuine[..n]))
            .Array[60].Single();

        // Ten refusals hold the device off (HoldOffTests); a connection that goes on after its first
        // held-off answer is answered only when the hold ends, so the run stops there.
        var codes = new List<string>();
        foreach (var payload in payloads)
        {
            codes.Add((await sender.SendAsync(device.Id, payload, TestContext.Current.CancellationToken)).Code);
            if (codes[^1] == "held-off")
            {
                break;
            }
        }

        Assert.DoesNotContain("stored", codes);
        Assert.True(sender.IsConnected);
        Assert.Equal(0, await server.Batches.CountBatchesAsync(device.Id, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("held-off", codes[^1]);
        Assert.Equal(11, codes.Count);
    }
}

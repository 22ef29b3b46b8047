using Vigil.Server.Gateway;

namespace Vigil.Server.Tests;

/// <summary>
/// Connections that end inside an MQTT packet: the broker must close them at once. Handed such a
/// stream, MQTTnet's reader would read the same incomplete bytes again and again on a thread-pool
/// thread until its communication timeout, and a few such connections stalled the pool.
/// </summary>
public sealed class MqttCutPacketTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>Well inside <see cref="MqttGateway.CommunicationTimeout"/>: a closure this fast is the guard's, not the timeout's.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(3);

    public static TheoryData<int, string, byte[]> CutPackets => new()
    {
        { 1, "CONNECT announcing 32 bytes, 6 sent", [0x10, 0x20, 0x00, 0x04, (byte)'M', (byte)'Q'] },
        { 2, "a remaining length cut after its first byte", [0x10, 0x80] },
        { 3, "a PUBLISH announcing 1000 bytes, 3 sent", [0x30, 0xE8, 0x07, 0x00, 0x01, (byte)'a'] },
    };

    [Theory]
    [MemberData(nameof(CutPackets))]
    public async Task Connection_EndingInsideAPacket_IsClosedAtOnce(int n, string what, byte[] bytes)
    {
        var device = await server.DeviceAsync($"mq-cut-{n}");
        await using var tls = await RawMqtt.OpenAsync(server, device);
        await tls.WriteAsync(bytes, TestContext.Current.CancellationToken);
        await tls.FlushAsync(TestContext.Current.CancellationToken);

        // The TLS close_notify ends what this side sends; the server's side stays open to be read.
        await tls.ShutdownAsync();
        var closedAfter = await RawMqtt.TimeUntilClosedAsync(tls);
        Assert.True(closedAfter < Prompt, $"{what}: the server closed the connection after {closedAfter.TotalSeconds:F1} s");
    }
}

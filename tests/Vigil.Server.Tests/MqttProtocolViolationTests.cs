using System.Net.Security;
using System.Text;

namespace Vigil.Server.Tests;

/// <summary>After a valid CONNECT, packets MQTT 5 forbids close the connection (docs/gateway.md, Malformed MQTT).</summary>
public sealed class MqttProtocolViolationTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    public static TheoryData<int, string, byte[]> Violations => new()
    {
        { 1, "PUBLISH with QoS 3", Publish(0x36, "vigil/v1/devices/x/batches") },
        { 3, "PUBREL with reserved flags clear", [0x60, 0x02, 0x00, 0x01] },
        { 4, "SUBSCRIBE with reserved flags clear", [0x80, 0x09, 0x00, 0x01, 0x00, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', 0x01] },
        { 5, "packet type 0, which is reserved", [0x00, 0x00] },
        { 6, "a second CONNECT", Connect("mq-violation-6") },
    };

    [Fact]
    public async Task Publish_TopicNotValidUtf8_IsAnsweredTopicNameInvalid()
    {
        await using var tls = await ConnectAsync(await server.DeviceAsync("mq-violation-utf8"));
        await tls.WriteAsync(new byte[] { 0x32, 0x07, 0x00, 0x02, 0xC0, 0x80, 0x00, 0x01, 0x00 }, TestContext.Current.CancellationToken);
        var header = new byte[2];
        await tls.ReadExactlyAsync(header, TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var body = new byte[header[1]];
        await tls.ReadExactlyAsync(body, TestContext.Current.CancellationToken);

        Assert.Equal(0x40, header[0]);
        Assert.Equal(0x90, body[2]);
        await server.WaitForEventAsync("topic-invalid", null);
    }

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Packet_ForbiddenAfterConnect_ClosesTheConnection(int n, string what, byte[] packet)
    {
        await using var tls = await ConnectAsync(await server.DeviceAsync($"mq-violation-{n}"));
        await tls.WriteAsync(packet, TestContext.Current.CancellationToken);
        await tls.FlushAsync(TestContext.Current.CancellationToken);
        var closedAfter = await RawMqtt.TimeUntilClosedAsync(tls);
        Assert.True(closedAfter < TimeSpan.FromSeconds(5), $"{what}: the server closed the connection after {closedAfter.TotalSeconds:F1} s");
        if (n != 6)
        {
            await server.WaitForEventAsync("malformed-mqtt", $"mq-violation-{n}");
        }
    }

    // A TLS connection with the device's certificate and an accepted MQTT 5 CONNECT.
    private async Task<SslStream> ConnectAsync(SimDevice device)
    {
        var tls = await RawMqtt.OpenAsync(server, device);
        await tls.WriteAsync(Connect(device.Id.Value), TestContext.Current.CancellationToken);
        var connack = new byte[2];
        await tls.ReadExactlyAsync(connack, TestContext.Current.CancellationToken);
        Assert.Equal(0x20, connack[0]);
        var rest = new byte[connack[1]];
        await tls.ReadExactlyAsync(rest, TestContext.Current.CancellationToken);
        Assert.Equal(0x00, rest[1]);
        return tls;
    }

    private static byte[] Connect(string clientId)
    {
        var id = Encoding.UTF8.GetBytes(clientId);
        byte[] body = [0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x05, 0x02, 0x00, 0x3C, 0x00, (byte)(id.Length >> 8), (byte)id.Length, .. id];
        return [0x10, (byte)body.Length, .. body];
    }

    private static byte[] Publish(byte first, string topic)
    {
        var name = Encoding.UTF8.GetBytes(topic);
        byte[] body = [(byte)(name.Length >> 8), (byte)name.Length, .. name, 0x00, 0x01, 0x00, 0x01, 0x02];
        return [first, (byte)body.Length, .. body];
    }
}

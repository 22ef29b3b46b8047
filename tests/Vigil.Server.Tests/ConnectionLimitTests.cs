using System.Net;
using System.Net.Sockets;

namespace Vigil.Server.Tests;

public sealed class ConnectionLimitTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new();

    public async ValueTask InitializeAsync()
    {
        _server.Settings["Vigil:MaxConnectionsPerSource"] = "2";
        await _server.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Https_ConnectionsBeyondThePerSourceLimit_AreClosedAtOnce()
    {
        using var first = new TcpClient();
        using var second = new TcpClient();
        using var third = new TcpClient();
        await first.ConnectAsync(IPAddress.Loopback, _server.HttpsPort, TestContext.Current.CancellationToken);
        await second.ConnectAsync(IPAddress.Loopback, _server.HttpsPort, TestContext.Current.CancellationToken);
        await third.ConnectAsync(IPAddress.Loopback, _server.HttpsPort, TestContext.Current.CancellationToken);

        // Kestrel may dispatch the three in any order: whichever comes third is closed, the others wait for a TLS handshake.
        var closed = await Task.WhenAll(new[] { first, second, third }.Select(ClosedWithinAsync));

        Assert.Equal(1, closed.Count(c => c));
        await _server.WaitForEventAsync("too-many-connections");
    }

    [Fact]
    public async Task Mqtt_ConnectionsBeyondThePerSourceLimit_AreRefusedWithQuotaExceeded()
    {
        var a = _server.Device("limit-a");
        var b = _server.Device("limit-b");
        var c = _server.Device("limit-c");
        await using var first = await _server.ConnectOrFailAsync(a.Certificate);
        await using var second = await _server.ConnectOrFailAsync(b.Certificate);

        var (third, refusal) = await _server.ConnectAsync(c.Certificate);

        Assert.Null(third);
        Assert.False(string.IsNullOrEmpty(refusal));
        await _server.WaitForEventAsync("too-many-connections");
    }

    private static async Task<bool> ClosedWithinAsync(TcpClient client)
    {
        try
        {
            var read = await client.GetStream().ReadAsync(new byte[16], TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
            return read == 0;
        }
        catch (IOException)
        {
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}

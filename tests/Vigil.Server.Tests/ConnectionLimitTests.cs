using System.Net;
using System.Net.Security;
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
        TcpClient[] clients = [first, second, third];
        var resetWhileConnecting = new List<TcpClient>();
        foreach (var client in clients)
        {
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, _server.HttpsPort, TestContext.Current.CancellationToken);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                // The server accepted and closed it before the connect was reported to us: that is the refusal, seen early.
                resetWhileConnecting.Add(client);
            }
        }

        // Kestrel may dispatch the three in any order: whichever comes third is closed, the other two stay open.
        await _server.WaitForEventAsync("too-many-connections");
        var closed = resetWhileConnecting.Count > 0
            ? resetWhileConnecting.ToArray()
            : await WaitForClosedAsync(clients, TimeSpan.FromSeconds(30));

        Assert.Single(closed);
        foreach (var open in clients.Except(closed))
        {
            await using var tls = new SslStream(open.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) => certificate is not null);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" }, TestContext.Current.CancellationToken);
            Assert.True(tls.IsAuthenticated);
        }
    }

    [Fact]
    public async Task Mqtt_ConnectionsBeyondThePerSourceLimit_AreRefusedWithQuotaExceeded()
    {
        var a = await _server.DeviceAsync("limit-a");
        var b = await _server.DeviceAsync("limit-b");
        var c = await _server.DeviceAsync("limit-c");
        await using var first = await _server.ConnectOrFailAsync(a.Certificate);
        await using var second = await _server.ConnectOrFailAsync(b.Certificate);

        var (third, refusal) = await _server.ConnectAsync(c.Certificate);

        Assert.Null(third);
        Assert.False(string.IsNullOrEmpty(refusal));
        await _server.WaitForEventAsync("too-many-connections");
    }

    /// <summary>Waits, up to the bound, until at least one connection is closed by the server; answers those closed.</summary>
    private static async Task<TcpClient[]> WaitForClosedAsync(TcpClient[] clients, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (DateTime.UtcNow < deadline)
        {
            // A socket the peer closed polls readable with nothing to read; an open one waiting for our handshake does not.
            var closed = clients.Where(c => c.Client.Poll(100_000, SelectMode.SelectRead) && c.Client.Available == 0).ToArray();
            if (closed.Length > 0)
            {
                return closed;
            }
            await Task.Yield();
        }
        return [];
    }
}

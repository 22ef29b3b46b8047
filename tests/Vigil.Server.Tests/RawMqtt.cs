using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Vigil.Server.Gateway;

namespace Vigil.Server.Tests;

/// <summary>A TLS connection to the broker that writes bytes by hand, for inputs no MQTT library sends.</summary>
internal static class RawMqtt
{
    /// <summary>Opens TLS to the server's MQTT port with the device's certificate.</summary>
    public static async Task<SslStream> OpenAsync(ServerFixture server, SimDevice device)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.MqttPort, TestContext.Current.CancellationToken);
        var tls = new SslStream(tcp.GetStream(), false);
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = [device.Certificate],
                RemoteCertificateValidationCallback = Simulator.Transport.PlatformTrust.Validator(server.PlatformCa),
            },
            TestContext.Current.CancellationToken);
        return tls;
    }

    /// <summary>Reads and drops whatever the server sends until it closes; how long that took (bounded by twice the communication timeout).</summary>
    public static async Task<TimeSpan> TimeUntilClosedAsync(SslStream tls)
    {
        var started = Stopwatch.GetTimestamp();
        var buffer = new byte[256];
        try
        {
            while (await tls.ReadAsync(buffer, TestContext.Current.CancellationToken).AsTask().WaitAsync(MqttGateway.CommunicationTimeout * 2, TestContext.Current.CancellationToken) > 0)
            {
            }
        }
        catch (IOException)
        {
        }

        return Stopwatch.GetElapsedTime(started);
    }
}

using System.Net;
using System.Net.Sockets;

namespace Vigil.Cli;

/// <summary>Free TCP ports on 127.0.0.1, for the servers the benchmarks and the scorecard start.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port nothing listens on now.</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

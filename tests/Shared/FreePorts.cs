using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Tests.Shared;

/// <summary>
/// Ports on 127.0.0.1 that were free a moment ago, taken below the kernel's ephemeral range: a
/// port from that range can be handed to any outgoing connection of a parallel test between the
/// moment it is found free and the moment a server binds it (or binds it again after a restart).
/// Each process starts at its own random point and never hands out a port twice.
/// </summary>
public static class FreePorts
{
    private const int Lowest = 10_000;
    private static readonly Lock Gate = new();
    private static readonly int Highest = EphemeralStart() - 1;
    private static int _next = Random.Shared.Next(Lowest, Highest);

    public static int[] Take(int count)
    {
        var ports = new int[count];
        lock (Gate)
        {
            for (var i = 0; i < count; i++)
            {
                ports[i] = NextFree();
            }
        }

        return ports;
    }

    private static int NextFree()
    {
        for (var tries = 0; tries < Highest - Lowest; tries++)
        {
            var port = _next;
            _next = _next >= Highest ? Lowest : _next + 1;
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free port between {Lowest} and {Highest} on 127.0.0.1");
    }

    private static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>The first port of the ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range), or 32768.</summary>
    private static int EphemeralStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(range)
            && int.TryParse(File.ReadAllText(range).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && start > Lowest + 1_000)
        {
            return start;
        }

        return 32_768;
    }
}

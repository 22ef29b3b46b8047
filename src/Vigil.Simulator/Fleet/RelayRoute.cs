using System.Net;
using System.Net.Sockets;

namespace Vigil.Simulator.Fleet;

/// <summary>How a relay reaches Vigil.</summary>
public enum RelayTransport
{
    /// <summary>MQTT 5 over TLS.</summary>
    Mqtt,

    /// <summary>HTTPS, the fallback of a hub whose MQTT is blocked.</summary>
    Https,
}

/// <summary>The network a relay is on at one moment: the address it sends from and the transport it uses.</summary>
/// <param name="Address">The local address its connections leave from; null to let the system choose.</param>
/// <param name="Transport">MQTT or HTTPS.</param>
public sealed record RelayRoute(IPAddress? Address, RelayTransport Transport)
{
    /// <summary>How long a relay stays on one network before it may move, unless its endpoint says otherwise.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(10);

    private static readonly Lazy<bool> AliasesWork = new(CanBindLoopbackAlias);

    /// <summary>
    /// Where a relay is at a simulated time, from its seed alone (the same seed roams the same way
    /// in every run). A phone or hub has a home network (its own address in 127.1.0.0/16) and
    /// spends about two periods in five on another (an address in 127.2.0.0/16 that changes each
    /// time, as a cellular network hands out addresses); every third relay is a hub that falls
    /// back from MQTT to HTTPS for about a third of the periods. Addresses roam only when the
    /// platform is on the loopback network and the system routes all of 127.0.0.0/8 (Linux does);
    /// transports only when the platform's HTTPS port is known.
    /// </summary>
    public static RelayRoute At(int seed, DateTimeOffset time, FleetEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var length = endpoint.RoamPeriod is { } every && every > TimeSpan.Zero ? every : Period;
        var period = (long)Math.Floor((time - DateTimeOffset.UnixEpoch) / length);
        var random = new Random(Mix(seed, period, 0x52_4F_41_4D));
        var away = random.NextDouble() < 0.4;
        var fallback = random.NextDouble() < 0.35;
        var cellular = random.Next(1 << 16);
        IPAddress? address = null;
        if (endpoint.Roaming && IsLoopback(endpoint.Host) && AliasesWork.Value)
        {
            var host = away ? cellular : Mix(seed, 0, 0x48_4F_4D_45) & 0xFFFF;
            address = new IPAddress([127, away ? (byte)2 : (byte)1, (byte)(host >> 8), (byte)Math.Max(1, host & 0xFF)]);
        }

        var transport = endpoint.Roaming && endpoint.HttpsPort is not null && seed % 3 == 0 && fallback ? RelayTransport.Https : RelayTransport.Mqtt;
        return new RelayRoute(address, transport);
    }

    /// <summary>A deterministic mix of a relay's seed with a period and a purpose (not <see cref="HashCode"/>, which differs per process).</summary>
    internal static int Mix(int seed, long period, int salt)
    {
        unchecked
        {
            var x = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)period * 0xC2B2AE3D27D4EB4FUL) ^ (uint)salt;
            x ^= x >> 31;
            x *= 0xBF58476D1CE4E5B9UL;
            x ^= x >> 29;
            return (int)(x & 0x7FFFFFFF);
        }
    }

    private static bool IsLoopback(string host) => IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address) && address.AddressFamily == AddressFamily.InterNetwork;

    private static bool CanBindLoopbackAlias()
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(new IPAddress([127, 1, 0, 1]), 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Vigil.Domain.Devices;
using Vigil.Simulator.Transport;

namespace Vigil.Cli.Bench;

/// <summary>What the hostile connections sent, by kind.</summary>
internal enum HostileKind
{
    /// <summary>A remaining length that is not a valid variable byte integer (a fifth length byte).</summary>
    BadRemainingLength,

    /// <summary>A CONNECT whose property length announces far more than the packet holds.</summary>
    OversizedProperties,

    /// <summary>A CONNECT with a property identifier MQTT 5 does not define.</summary>
    InvalidProperty,

    /// <summary>After a valid CONNECT, publishes to topics outside the scheme, with wildcards or invalid UTF-8.</summary>
    InvalidTopic,

    /// <summary>After a valid CONNECT, random bytes.</summary>
    RandomAfterConnect,

    /// <summary>After a valid CONNECT, a PUBLISH with QoS 3, and packets with reserved flags set.</summary>
    BadFlags,

    /// <summary>Random bytes before any CONNECT.</summary>
    RandomBeforeConnect,

    /// <summary>After a valid CONNECT, a stream of QoS 1 publishes of mutated sealed envelopes on the device's own topic.</summary>
    MutatedEnvelopes,
}

/// <summary>
/// The hostile neighbours of <c>vigil bench ingest --hostile N</c>: N connections over TLS, each
/// holding an enrolled device's certificate, sending malformed MQTT and mutated envelopes as fast
/// as the server takes them, round the kinds of <see cref="HostileKind"/>, reconnecting whenever
/// the server closes. Every packet is written by hand, byte for byte, since no MQTT library sends
/// what the protocol forbids.
/// </summary>
internal sealed class HostileTraffic(int port, IReadOnlyList<LoadClient> identities, X509Certificate2 platformCa)
{
    private static readonly HostileKind[] Kinds = Enum.GetValues<HostileKind>();

    private readonly long[] _sent = new long[Kinds.Length];
    private long _connections;
    private long _bytes;

    /// <summary>Connections opened so far.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Bytes written so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Hostile sends of each kind so far (a mutated envelope counts one per publish).</summary>
    public IReadOnlyDictionary<HostileKind, long> Sent => Kinds.ToDictionary(k => k, k => Interlocked.Read(ref _sent[(int)k]));

    /// <summary>Runs <paramref name="connections"/> hostile connections until <paramref name="stop"/> is cancelled.</summary>
    public Task RunAsync(int connections, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, connections).Select(i => Task.Run(() => LoopAsync(i, stop), CancellationToken.None)));

    private async Task LoopAsync(int index, CancellationToken stop)
    {
        var random = new Random(index);
        var identity = identities[index % identities.Count];
        for (var n = index; !stop.IsCancellationRequested; n++)
        {
            try
            {
                await OneAsync(Kinds[n % Kinds.Length], identity, random, stop);
            }
            catch (Exception e) when (e is IOException or SocketException or AuthenticationException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task OneAsync(HostileKind kind, LoadClient identity, Random random, CancellationToken stop)
    {
        var (device, certificate, envelopes) = (identity.Device, identity.Certificate, identity.Batches);
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync("127.0.0.1", port, stop);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, PlatformTrust.Validator(platformCa));
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = [certificate],
                EnabledSslProtocols = SslProtocols.Tls13,
            },
            stop);
        Interlocked.Increment(ref _connections);

        // Whatever the server answers is read and dropped, so that its writes never wait on us.
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var drain = DrainAsync(tls, done.Token);
        try
        {
            if (kind is HostileKind.InvalidTopic or HostileKind.RandomAfterConnect or HostileKind.BadFlags or HostileKind.MutatedEnvelopes)
            {
                await WriteAsync(tls, Connect(device.Value), stop);
            }

            switch (kind)
            {
                case HostileKind.MutatedEnvelopes:
                    for (var i = 0; i < 200 && !drain.IsCompleted; i++)
                    {
                        await WriteAsync(tls, Publish(TopicScheme(device), Mutate(envelopes[random.Next(envelopes.Count)], random), (ushort)(i + 1), 0x32), stop);
                        Interlocked.Increment(ref _sent[(int)kind]);
                    }

                    break;
                case HostileKind.InvalidTopic:
                    string[] topics = ["vigil/v1/devices/#/batches", "vigil/v1/devices/+/batches", $"vigil/v1/devices/{device.Value}/commands", "\u0000", string.Empty, new string('a', 60_000)];
                    for (var i = 0; i < 50 && !drain.IsCompleted; i++)
                    {
                        await WriteAsync(tls, Publish(topics[i % topics.Length], envelopes[0], (ushort)(i + 1), 0x32), stop);
                        Interlocked.Increment(ref _sent[(int)kind]);
                    }

                    // A topic that is not valid UTF-8 (an overlong NUL).
                    await WriteAsync(tls, [0x32, 0x07, 0x00, 0x02, 0xC0, 0x80, 0x00, 0x01, 0x00], stop);
                    break;
                default:
                    await WriteAsync(tls, Malformed(kind, device.Value, random), stop);
                    Interlocked.Increment(ref _sent[(int)kind]);
                    break;
            }

            // Wait for the server to close, for at most a second: a server that leaves garbage open
            // costs the attacker a connection, not the server a thread.
            await Task.WhenAny(drain, Task.Delay(TimeSpan.FromSeconds(1), stop));
        }
        finally
        {
            await done.CancelAsync();
            await drain;
        }
    }

    private async Task WriteAsync(SslStream tls, byte[] bytes, CancellationToken stop)
    {
        await tls.WriteAsync(bytes, stop);
        Interlocked.Add(ref _bytes, bytes.Length);
    }

    private static async Task DrainAsync(SslStream tls, CancellationToken stop)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (await tls.ReadAsync(buffer, stop) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private static string TopicScheme(DeviceId device) => $"vigil/v1/devices/{device.Value}/batches";

    private static byte[] Malformed(HostileKind kind, string clientId, Random random) => kind switch
    {
        HostileKind.BadRemainingLength => [0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x00],
        HostileKind.OversizedProperties => ConnectWithProperties(clientId, [0xFF, 0xFF, 0xFF, 0x7F], [0x11, 0x00, 0x00, 0x00, 0x10]),
        HostileKind.InvalidProperty => ConnectWithProperties(clientId, [0x05], [0x7F, 0x01, 0x02, 0x03, 0x04]),
        HostileKind.RandomAfterConnect or HostileKind.RandomBeforeConnect => Random(random, 4096),
        HostileKind.BadFlags => [.. Publish("vigil/v1/devices/x/batches", [1, 2, 3], 1, 0x36), 0x62, 0x02, 0x00, 0x01, 0x8F, 0x00],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static byte[] Random(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    // One bit flipped, a byte changed, a cut, or a run of bytes inserted.
    private static byte[] Mutate(byte[] envelope, Random random)
    {
        var bytes = envelope.ToArray();
        switch (random.Next(4))
        {
            case 0:
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 1:
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 2:
                return bytes[..random.Next(1, bytes.Length)];
            default:
                var at = random.Next(bytes.Length);
                return [.. bytes[..at], .. Random(random, random.Next(1, 64)), .. bytes[at..]];
        }
    }

    /// <summary>An MQTT 5 CONNECT: clean start, keep-alive 60 s, no properties, the client id.</summary>
    private static byte[] Connect(string clientId) => ConnectWithProperties(clientId, [0x00], []);

    private static byte[] ConnectWithProperties(string clientId, byte[] propertyLength, byte[] properties)
    {
        var id = Encoding.UTF8.GetBytes(clientId);
        byte[] body =
        [
            0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x05, 0x02, 0x00, 0x3C,
            .. propertyLength, .. properties,
            (byte)(id.Length >> 8), (byte)id.Length, .. id,
        ];
        return [0x10, .. Length(body.Length), .. body];
    }

    /// <summary>A PUBLISH with the given first byte (0x32 is QoS 1), topic, packet id and payload, no properties.</summary>
    private static byte[] Publish(string topic, byte[] payload, ushort packetId, byte first)
    {
        var name = Encoding.UTF8.GetBytes(topic);
        var body = new byte[2 + name.Length + 2 + 1 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(body, (ushort)name.Length);
        name.CopyTo(body, 2);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(2 + name.Length), packetId);
        body[4 + name.Length] = 0x00;
        payload.CopyTo(body, 5 + name.Length);
        return [first, .. Length(body.Length), .. body];
    }

    // MQTT's variable byte integer.
    private static byte[] Length(int value)
    {
        var bytes = new List<byte>(4);
        do
        {
            var b = (byte)(value % 128);
            value /= 128;
            bytes.Add(value > 0 ? (byte)(b | 0x80) : b);
        }
        while (value > 0);
        return [.. bytes];
    }
}

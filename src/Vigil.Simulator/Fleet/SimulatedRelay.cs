using System.Security.Cryptography.X509Certificates;
using Vigil.Device.Sealing;
using Vigil.Domain.Devices;
using Vigil.Protocol;
using Vigil.Simulator.Transport;

namespace Vigil.Simulator.Fleet;

/// <summary>
/// A patient's phone or home hub: it carries the sealed batches of the patient's devices to Vigil
/// with its own certificate. It roams (<see cref="RelayRoute.At"/>): now and then it sends from
/// another address, and some hubs fall back from MQTT/TLS to HTTPS. On some simulated days it
/// loses its connection for 20 to 120 minutes; it buffers meanwhile and, once back, forwards the
/// backlog newest first, so the platform sees late batches out of order.
/// </summary>
public sealed class SimulatedRelay(string id, X509Certificate2 certificate, int seed)
{
    private readonly Lock _gate = new();
    private readonly List<Pending> _buffer = [];
    private bool _wasOffline;

    /// <summary>The relay id.</summary>
    public string Id { get; } = id;

    /// <summary>Whether the relay holds a connection to the platform now.</summary>
    public bool IsConnected { get; private set; }

    /// <summary>Batches waiting to be forwarded.</summary>
    public int Buffered
    {
        get
        {
            lock (_gate)
            {
                return _buffer.Count;
            }
        }
    }

    /// <summary>Whether the relay is offline at a simulated time.</summary>
    public bool IsOffline(DateTimeOffset time) => OfflineAt(seed, time);

    /// <summary>Whether a relay of a seed is offline at a simulated time: on about half the days, for 20 to 120 minutes.</summary>
    public static bool OfflineAt(int seed, DateTimeOffset time)
    {
        var day = (long)Math.Floor((time - DateTimeOffset.UnixEpoch).TotalDays);
        var random = new Random(RelayRoute.Mix(seed, day, 0x4F_46_46));
        if (random.NextDouble() > 0.5)
        {
            return false;
        }

        var start = time.Date.AddHours(random.NextDouble() * 22);
        var length = TimeSpan.FromMinutes(20 + (random.NextDouble() * 100));
        var utc = time.UtcDateTime;
        return utc >= start && utc < start + length;
    }

    /// <summary>The network and transport the relay uses at a simulated time.</summary>
    public RelayRoute RouteAt(DateTimeOffset time, FleetEndpoint endpoint) => RelayRoute.At(seed, time, endpoint);

    /// <summary>Hands the relay a sealed batch to forward.</summary>
    public void Enqueue(DeviceId device, SealedBatch batch, int readings)
    {
        lock (_gate)
        {
            _buffer.Add(new Pending(device, batch, readings));
        }
    }

    /// <summary>Forwards batches until cancelled, moving to a new route (address, transport) whenever its network changes.</summary>
    public async Task RunAsync(FleetEndpoint endpoint, SimulatedClock clock, FleetStats stats, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(stats);
        IBatchSender? sender = null;
        RelayRoute? route = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                if (IsOffline(now))
                {
                    _wasOffline = true;
                    await Task.Delay(100, cancellationToken);
                    continue;
                }

                var wanted = RouteAt(now, endpoint);
                if (sender is not { IsConnected: true } || wanted != route)
                {
                    if (sender is not null)
                    {
                        await sender.DisposeAsync();
                        sender = null;
                        IsConnected = false;
                    }

                    if (route is not null && wanted != route)
                    {
                        stats.CountRoam(route, wanted);
                    }

                    route = wanted;
                    sender = await ConnectAsync(wanted, endpoint, cancellationToken);
                    if (sender is null)
                    {
                        await Task.Delay(1000, cancellationToken);
                        continue;
                    }

                    IsConnected = true;
                    stats.CountRoute(wanted);
                }

                var next = Take();
                if (next is null)
                {
                    await Task.Delay(50, cancellationToken);
                    continue;
                }

                try
                {
                    var delivery = await sender.SendAsync(next.Device, next.Batch.Envelope, cancellationToken);
                    Record(next, delivery, stats, sender.Transport);
                }
                catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or HttpRequestException or IOException
                    || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    Enqueue(next.Device, next.Batch, next.Readings);
                    await sender.DisposeAsync();
                    sender = null;
                    IsConnected = false;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            IsConnected = false;
            if (sender is not null)
            {
                await sender.DisposeAsync();
            }
        }
    }

    private async Task<IBatchSender?> ConnectAsync(RelayRoute route, FleetEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (route.Transport == RelayTransport.Https && endpoint.HttpsPort is { } https)
        {
            return new HttpsSender(new UriBuilder(Uri.UriSchemeHttps, endpoint.Host, https).Uri, certificate, endpoint.PlatformCa, route.Address);
        }

        try
        {
            var (sender, _) = await MqttSender.ConnectAsync(endpoint.Host, endpoint.MqttPort, certificate, endpoint.PlatformCa, route.Address, cancellationToken);
            return sender;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or IOException or System.Net.Sockets.SocketException)
        {
            return null;
        }
    }

    private Pending? Take()
    {
        lock (_gate)
        {
            if (_buffer.Count == 0)
            {
                _wasOffline = false;
                return null;
            }

            // Back from an outage: the backlog goes newest first, so the platform sees it out of order.
            var index = _wasOffline ? _buffer.Count - 1 : 0;
            var next = _buffer[index];
            _buffer.RemoveAt(index);
            return next;
        }
    }

    private void Record(Pending pending, Delivery delivery, FleetStats stats, string transport)
    {
        if (delivery.Code == Outcomes.Stored.Code)
        {
            stats.CountStored(pending.Readings, transport);
        }
        else if (delivery.Code == Outcomes.Duplicate.Code)
        {
            stats.CountDuplicate();
        }
        else
        {
            if (delivery.Code == Outcomes.RateLimited.Code || delivery.Code == Outcomes.StoreUnavailable.Code)
            {
                Enqueue(pending.Device, pending.Batch, pending.Readings);
            }

            stats.CountRefused(delivery.Code);
        }
    }

    private sealed record Pending(DeviceId Device, SealedBatch Batch, int Readings);
}

using System.Security.Cryptography.X509Certificates;
using Vigil.Device.Sealing;
using Vigil.Domain.Devices;
using Vigil.Simulator.Transport;

namespace Vigil.Simulator.Fleet;

/// <summary>
/// A patient's home hub: it carries the sealed batches of the patient's devices to Vigil over
/// MQTT/TLS with its own certificate. On some simulated days it loses its connection for 20 to
/// 120 minutes; it buffers meanwhile and, once back, forwards the backlog newest first, so the
/// platform sees late batches out of order.
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
    public bool IsOffline(DateTimeOffset time)
    {
        var day = (long)Math.Floor((time - DateTimeOffset.UnixEpoch).TotalDays);
        var random = new Random(HashCode.Combine(seed, day));
        if (random.NextDouble() > 0.5)
        {
            return false;
        }

        var start = time.Date.AddHours(random.NextDouble() * 22);
        var length = TimeSpan.FromMinutes(20 + (random.NextDouble() * 100));
        var utc = time.UtcDateTime;
        return utc >= start && utc < start + length;
    }

    /// <summary>Hands the relay a sealed batch to forward.</summary>
    public void Enqueue(DeviceId device, SealedBatch batch, int readings)
    {
        lock (_gate)
        {
            _buffer.Add(new Pending(device, batch, readings));
        }
    }

    /// <summary>Forwards batches until cancelled.</summary>
    public async Task RunAsync(FleetEndpoint endpoint, SimulatedClock clock, FleetStats stats, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        MqttSender? sender = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (IsOffline(clock.GetUtcNow()))
                {
                    _wasOffline = true;
                    await Task.Delay(100, cancellationToken);
                    continue;
                }

                if (sender is not { IsConnected: true })
                {
                    sender = await ConnectAsync(sender, endpoint, cancellationToken);
                    if (sender is null)
                    {
                        await Task.Delay(1000, cancellationToken);
                        continue;
                    }

                    IsConnected = true;
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
                    Record(next, delivery, stats);
                }
                catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
                {
                    Enqueue(next.Device, next.Batch, next.Readings);
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

    private async Task<MqttSender?> ConnectAsync(MqttSender? old, FleetEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (old is not null)
        {
            await old.DisposeAsync();
        }

        try
        {
            var (sender, _) = await MqttSender.ConnectAsync(endpoint.Host, endpoint.MqttPort, certificate, endpoint.PlatformCa, cancellationToken);
            return sender;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or IOException)
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

    private void Record(Pending pending, Delivery delivery, FleetStats stats)
    {
        switch (delivery.Code)
        {
            case "stored":
                stats.CountStored(pending.Readings);
                break;
            case "duplicate":
                stats.CountDuplicate();
                break;
            case "rate-limited" or "store-unavailable":
                Enqueue(pending.Device, pending.Batch, pending.Readings);
                stats.CountRefused(delivery.Code);
                break;
            default:
                stats.CountRefused(delivery.Code);
                break;
        }
    }

    private sealed record Pending(DeviceId Device, SealedBatch Batch, int Readings);
}

using Vigil.Domain.Devices;

namespace Vigil.Simulator.Transport;

/// <summary>A relay's or device's way to Vigil's ingest: MQTT over TLS or HTTPS, each with the client certificate.</summary>
internal interface IBatchSender : IAsyncDisposable
{
    /// <summary>The transport's name as Vigil records it in a batch's source: <c>mqtt</c> or <c>https</c>.</summary>
    string Transport { get; }

    /// <summary>Whether the sender can send now (an MQTT connection is up; HTTPS connects per request).</summary>
    bool IsConnected { get; }

    /// <summary>Sends a sealed batch for a device and returns the platform's answer.</summary>
    Task<Delivery> SendAsync(DeviceId device, byte[] envelope, CancellationToken cancellationToken);
}

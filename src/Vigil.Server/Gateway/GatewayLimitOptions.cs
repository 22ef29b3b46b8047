using System.ComponentModel.DataAnnotations;

namespace Vigil.Server.Gateway;

/// <summary>
/// The gateway's limits on what devices, relays and remote addresses may send, bound from the
/// <c>Vigil</c> section (<c>Vigil:MaxMessageBytes</c>, <c>Vigil:DeviceRatePerSecond</c>, ...).
/// </summary>
internal sealed class GatewayLimitOptions
{
    // An MQTT packet may carry a batch at the limit plus 4 KiB of topic and properties: both fit an int.
    private const int LargestMessage = int.MaxValue - 8192;

    /// <summary>Largest sealed batch accepted over any transport, in bytes.</summary>
    [Range(1, LargestMessage)]
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Concurrent connections from one remote address, per listener (MQTT, HTTPS).</summary>
    [Range(1, int.MaxValue)]
    public int MaxConnectionsPerSource { get; set; } = 1000;

    /// <summary>Batches per second one device may send, sustained.</summary>
    [Range(double.Epsilon, double.MaxValue)]
    public double DeviceRatePerSecond { get; set; } = 10;

    /// <summary>Batches one device may send in a burst.</summary>
    [Range(1, int.MaxValue)]
    public int DeviceBurst { get; set; } = 100;

    /// <summary>Batches per second one relay may forward, sustained.</summary>
    [Range(double.Epsilon, double.MaxValue)]
    public double RelayRatePerSecond { get; set; } = 200;

    /// <summary>Batches one relay may forward in a burst (a backfill after hours offline).</summary>
    [Range(1, int.MaxValue)]
    public int RelayBurst { get; set; } = 2000;

    /// <summary>Refused inputs (malformed, tampered, unauthorised) one principal may send within <see cref="HoldOffWindowSeconds"/> before it is held off.</summary>
    public int HoldOffAfterRefusals { get; set; } = 10;

    /// <summary>The window in which a principal's refused inputs are counted (seconds; below 1, 1).</summary>
    public int HoldOffWindowSeconds { get; set; } = 10;

    /// <summary>How long a principal is held off (seconds; below 1, 1).</summary>
    public int HoldOffSeconds { get; set; } = 30;
}

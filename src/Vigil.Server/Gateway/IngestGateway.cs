using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Vigil.Domain.Devices;
using Vigil.Platform.Devices;
using Vigil.Platform.Ingest;
using Vigil.Platform.Security;
using Vigil.Server.Hosting;

namespace Vigil.Server.Gateway;

/// <summary>
/// What every transport does with a sealed batch before its device's actor sees it: the size
/// limit, micro-segmentation (a device speaks only for itself, a relay only for the devices bound
/// to it, T13) and the principal's token bucket (T14). Each refusal raises a security event.
/// </summary>
public sealed class IngestGateway : IDisposable
{
    private readonly IGrainFactory _grains;
    private readonly RegistryCache _registry;
    private readonly SecurityEventSink _events;
    private readonly VigilServerOptions _options;
    private readonly PartitionedRateLimiter<Principal> _limiter;

    /// <summary>Creates the gateway.</summary>
    public IngestGateway(IGrainFactory grains, RegistryCache registry, SecurityEventSink events, IOptions<VigilServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _registry = registry;
        _events = events;
        _options = options.Value;
        _limiter = PartitionedRateLimiter.Create<Principal, string>(principal =>
            principal.Kind == PrincipalKind.Device
                ? RateLimitPartition.GetTokenBucketLimiter(principal.ToString(), _ => Bucket(_options.DeviceRatePerSecond, _options.DeviceBurst))
                : RateLimitPartition.GetTokenBucketLimiter(principal.ToString(), _ => Bucket(_options.RelayRatePerSecond, _options.RelayBurst)));
    }

    /// <summary>The largest message accepted.</summary>
    public int MaxMessageBytes => _options.MaxMessageBytes;

    /// <summary>Whether a principal may publish batches of, or subscribe to commands for, a device.</summary>
    public bool MaySpeakFor(Principal principal, DeviceId device) => principal.Kind switch
    {
        PrincipalKind.Device => principal.Id == device.Value,
        _ => _registry.RelayCarries(principal.Id, device),
    };

    /// <summary>Submits a sealed batch sent by <paramref name="principal"/> for <paramref name="device"/>.</summary>
    public async Task<IngestResult> SubmitAsync(Principal principal, string source, DeviceId device, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length > _options.MaxMessageBytes)
        {
            return Refuse(principal, source, device, GatewayCodes.Oversized, $"{payload.Length} bytes exceed the limit of {_options.MaxMessageBytes}");
        }

        if (!MaySpeakFor(principal, device))
        {
            return Refuse(principal, source, device, GatewayCodes.TopicDenied, $"{principal} may not send batches of {device}");
        }

        using var lease = _limiter.AttemptAcquire(principal);
        if (!lease.IsAcquired)
        {
            return Refuse(principal, source, device, GatewayCodes.RateLimited, $"{principal} is above its rate");
        }

        return await _grains.GetGrain<IDeviceGrain>(device.Value).IngestAsync(new IngestRequest(payload, principal.ToString(), source));
    }

    /// <summary>Records a refusal decided by a transport (topic, authentication) as a security event.</summary>
    public IngestResult Refuse(Principal? principal, string source, DeviceId? device, string code, string detail)
    {
        _events.Raise(code, principal?.ToString() ?? "anonymous", source, device?.Value, detail);
        return IngestResult.Refused(code, detail);
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();

    private static TokenBucketRateLimiterOptions Bucket(double perSecond, int burst)
    {
        var period = perSecond >= 10 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1 / Math.Max(perSecond, 0.001));
        var tokens = perSecond >= 10 ? (int)Math.Ceiling(perSecond / 10) : 1;
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(burst, 1),
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}

using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Vigil.Domain.Devices;
using Vigil.Platform.Devices;
using Vigil.Platform.Ingest;
using Vigil.Platform.Security;
using Vigil.Protocol;

namespace Vigil.Server.Gateway;

/// <summary>
/// What every transport does with a sealed batch before its device's actor sees it: the size
/// limit, micro-segmentation (a device speaks only for itself, a relay only for the devices bound
/// to it, T13) and the principal's token bucket (T14). Each refusal raises a security event.
/// </summary>
internal sealed class IngestGateway : IDisposable
{
    private readonly IGrainFactory _grains;
    private readonly RegistryCache _registry;
    private readonly SecurityEventSink _events;
    private readonly GatewayLimitOptions _options;
    private readonly PartitionedRateLimiter<Principal> _limiter;
    private readonly HoldOffList _holdOff;

    /// <summary>Creates the gateway.</summary>
    public IngestGateway(IGrainFactory grains, RegistryCache registry, SecurityEventSink events, IOptions<GatewayLimitOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _registry = registry;
        _events = events;
        _options = options.Value;
        _holdOff = new HoldOffList(
            time, _options.HoldOffAfterRefusals, TimeSpan.FromSeconds(Math.Max(1, _options.HoldOffWindowSeconds)), TimeSpan.FromSeconds(Math.Max(1, _options.HoldOffSeconds)));
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
        ArgumentNullException.ThrowIfNull(principal);
        if ((HeldOff(principal) ?? HeldOffFor(principal, device)) is { } held)
        {
            return Refuse(principal, source, device, Outcomes.HeldOff.Code, held);
        }

        if (payload.Length > _options.MaxMessageBytes)
        {
            return Refuse(principal, source, device, Outcomes.Oversized.Code, $"{payload.Length} bytes exceed the limit of {_options.MaxMessageBytes}");
        }

        if (!MaySpeakFor(principal, device))
        {
            return Refuse(principal, source, device, Outcomes.TopicDenied.Code, $"{principal} may not send batches of {device}");
        }

        using var lease = _limiter.AttemptAcquire(principal);
        if (!lease.IsAcquired)
        {
            return Refuse(principal, source, device, Outcomes.RateLimited.Code, $"{principal} is above its rate");
        }

        var result = await _grains.GetGrain<IDeviceGrain>(device.Value).IngestAsync(new IngestRequest(payload, principal.ToString(), source));
        if (HoldOffList.Strikes(result.Code))
        {
            // What is wrong with a batch's content is the device's doing, not its relay's: a hub
            // carrying one broken sensor is held off for that sensor's batches alone.
            Strike(principal, source, device, ContentKey(principal, device));
        }

        return result;
    }

    /// <summary>
    /// Why the principal is held off (too much refused input lately), or null if it is not: a
    /// held-off principal's batches and connections are refused before any other work.
    /// </summary>
    public string? HeldOff(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return _holdOff.IsHeld(principal.ToString(), out var remaining)
            ? $"{principal} sent more than {_options.HoldOffAfterRefusals} refused inputs within {_options.HoldOffWindowSeconds} s; held off for {Math.Ceiling(remaining.TotalSeconds)} s more"
            : null;
    }

    // The key a relay's strikes for one device's batch content are counted under; a device's own key otherwise.
    private static string ContentKey(Principal principal, DeviceId device) =>
        principal.Kind == PrincipalKind.Relay ? $"{principal}/{device}" : principal.ToString();

    private string? HeldOffFor(Principal principal, DeviceId device) =>
        principal.Kind == PrincipalKind.Relay && _holdOff.IsHeld(ContentKey(principal, device), out var remaining)
            ? $"{principal} forwarded more than {_options.HoldOffAfterRefusals} refused batches of {device} within {_options.HoldOffWindowSeconds} s; those are held off for {Math.Ceiling(remaining.TotalSeconds)} s more"
            : null;

    /// <summary>
    /// Counts a refusal of a connection that names no principal (no enrolled certificate, or bytes
    /// before any CONNECT) against its remote address: enough of them hold that address off for
    /// connections without a principal, never for enrolled devices and relays connecting from it.
    /// </summary>
    public void StrikeAnonymous(IPAddress address, string source)
    {
        ArgumentNullException.ThrowIfNull(address);
        var key = AnonymousKey(address);
        if (_holdOff.Strike(key))
        {
            _events.Raise(
                Outcomes.HeldOff.Code, "anonymous", source, null,
                $"connections without an enrolled certificate from {address} sent {_options.HoldOffAfterRefusals} refused inputs within {_options.HoldOffWindowSeconds} s; such connections are held off for {_holdOff.LastHold(key).TotalSeconds:F0} s");
        }
    }

    /// <summary>How much longer connections without a principal from this address are held off (zero if not).</summary>
    public TimeSpan AnonymousHoldRemaining(IPAddress address, out bool first)
    {
        ArgumentNullException.ThrowIfNull(address);
        var key = AnonymousKey(address);
        first = false;
        if (!_holdOff.IsHeld(key, out var remaining))
        {
            return TimeSpan.Zero;
        }

        first = _holdOff.FirstAskDuringHold(key);
        return remaining;
    }

    private static string AnonymousKey(IPAddress address) => $"anonymous {address}";

    /// <summary>Whether this is the principal's first new connection during its current hold.</summary>
    public bool FirstConnectionDuringHold(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return _holdOff.FirstAskDuringHold(principal.ToString());
    }

    /// <summary>How much longer the principal is held off (zero if it is not).</summary>
    public TimeSpan HoldRemaining(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return _holdOff.IsHeld(principal.ToString(), out var remaining) ? remaining : TimeSpan.Zero;
    }

    /// <summary>Records a refusal decided by a transport (topic, authentication) as a security event.</summary>
    public IngestResult Refuse(Principal? principal, string source, DeviceId? device, string code, string detail)
    {
        _events.Raise(code, principal?.ToString() ?? "anonymous", source, device?.Value, detail);
        if (principal is not null && HoldOffList.Strikes(code))
        {
            Strike(principal, source, device, principal.ToString());
        }

        return IngestResult.Refused(code, detail);
    }

    private void Strike(Principal principal, string source, DeviceId? device, string key)
    {
        if (_holdOff.Strike(key))
        {
            var whose = key == principal.ToString() ? principal.ToString() : $"{principal} for {device}";
            _events.Raise(
                Outcomes.HeldOff.Code, principal.ToString(), source, device?.Value,
                $"{whose} sent {_options.HoldOffAfterRefusals} refused inputs within {_options.HoldOffWindowSeconds} s; held off for {_holdOff.LastHold(key).TotalSeconds:F0} s");
        }
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

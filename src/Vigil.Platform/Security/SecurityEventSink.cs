using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Vigil.Domain.Security;
using Vigil.Record.Events;

namespace Vigil.Platform.Security;

/// <summary>
/// Where every refusal and suspicion goes: the durable event log (written in the next group
/// commit, off the caller's path), the log, and the <c>vigil.security.events</c> counter by code.
/// A flood of identical events from one principal is recorded once per second with a count, so
/// that an attacker cannot turn the event log into a second flood.
/// </summary>
public sealed class SecurityEventSink
{
    private readonly IEventLog _log;
    private readonly TimeProvider _time;
    private readonly ILogger<SecurityEventSink> _logger;
    private readonly Counter<long> _counter;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Code, string Principal), (long Second, int Suppressed)> _recent = [];

    /// <summary>Creates the sink.</summary>
    public SecurityEventSink(IEventLog log, TimeProvider time, ILogger<SecurityEventSink> logger, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _log = log;
        _time = time;
        _logger = logger;
        _counter = meters.Create(VigilMetrics.MeterName).CreateCounter<long>("vigil.security.events", description: "Security events raised, by code.");
    }

    /// <summary>Raises an event.</summary>
    public void Raise(string code, string principal, string source, string? deviceId, string detail)
    {
        _counter.Add(1, new KeyValuePair<string, object?>("code", code));
        var now = _time.GetUtcNow();
        var second = now.ToUnixTimeSeconds();
        int suppressed;
        lock (_gate)
        {
            if (_recent.TryGetValue((code, principal), out var last) && last.Second == second)
            {
                _recent[(code, principal)] = (second, last.Suppressed + 1);
                return;
            }

            suppressed = last.Second == second - 1 ? last.Suppressed : 0;
            _recent[(code, principal)] = (second, 0);
            if (_recent.Count > 10_000)
            {
                _recent.Clear();
            }
        }

        var text = suppressed > 0 ? $"{detail} (and {suppressed} more like it in the previous second)" : detail;
        _logger.LogWarning("Security event {Code} from {Principal} via {Source} for {Device}: {Detail}", code, principal, source, deviceId, text);
        _ = WriteAsync(new SecurityEvent(now, code, principal, source, deviceId, text));
    }

    private async Task WriteAsync(SecurityEvent securityEvent)
    {
        try
        {
            await _log.AppendAsync(securityEvent);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogError(e, "Could not store security event {Code}", securityEvent.Code);
        }
    }
}

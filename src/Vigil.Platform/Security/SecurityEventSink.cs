using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Domain.Security;
using Vigil.Record.Events;

namespace Vigil.Platform.Security;

/// <summary>
/// Where every refusal and suspicion goes: the durable event log, the log, and the
/// <c>vigil.security.events</c> counter by code.
/// </summary>
/// <remarks>
/// A flood of identical events from one principal must not become a second flood in the event
/// log, and must not lose a single refusal either. So the first event of a (code, principal)
/// pair is written at once and opens a window of <see cref="Window"/>; identical events inside
/// the window are folded, and when the window closes (on a timer, at the next such event after
/// it, on <see cref="FlushAsync"/> or on disposal) one summary event is written whose
/// <see cref="SecurityEvent.Count"/> is the number folded. The log's totals therefore equal the
/// counter's, event for event. At most <see cref="MaxOpenWindows"/> windows are open at once:
/// beyond that every open window is closed early (its summary written), never dropped.
/// </remarks>
public sealed class SecurityEventSink : IAsyncDisposable
{
    /// <summary>How long identical events from one principal are folded into one summary.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>How many windows may be open at once before all are closed early.</summary>
    public const int MaxOpenWindows = 10_000;

    private readonly IEventLog _log;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Meter? _ownMeter;
    private readonly Counter<long> _counter;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Code, string Principal), OpenWindow> _open = [];
    private readonly HashSet<Task> _writes = [];
    private readonly ITimer _timer;
    private bool _timerArmed;
    private bool _disposed;

    /// <summary>Creates the sink, counting on the server's meter.</summary>
    public SecurityEventSink(IEventLog log, TimeProvider time, ILogger<SecurityEventSink> logger, IMeterFactory meters)
        : this(log, time, logger, (meters ?? throw new ArgumentNullException(nameof(meters))).Create(VigilMetrics.MeterName), ownsMeter: false)
    {
    }

    /// <summary>Creates a sink for a command-line tool, with a meter of its own and no log.</summary>
    public SecurityEventSink(IEventLog log, TimeProvider time)
        : this(log, time, NullLogger.Instance, new Meter(VigilMetrics.MeterName), ownsMeter: true)
    {
    }

    private SecurityEventSink(IEventLog log, TimeProvider time, ILogger logger, Meter meter, bool ownsMeter)
    {
        _log = log;
        _time = time;
        _logger = logger;
        _ownMeter = ownsMeter ? meter : null;
        _counter = meter.CreateCounter<long>("vigil.security.events", description: "Security events raised, by code.");
        _timer = time.CreateTimer(_ => CloseExpired(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Raises an event; it is written in the next group commit, off the caller's path.</summary>
    public void Raise(string code, string principal, string source, string? deviceId, string detail)
    {
        _counter.Add(1, new KeyValuePair<string, object?>("code", code));
        var now = _time.GetUtcNow();
        List<SecurityEvent> closed = [];
        lock (_gate)
        {
            if (_open.TryGetValue((code, principal), out var window))
            {
                if (now - window.Opened < Window)
                {
                    window.Fold(now, source, deviceId, detail);
                    return;
                }

                _open.Remove((code, principal));
                AddSummary(closed, code, principal, window);
            }

            if (_open.Count >= MaxOpenWindows)
            {
                foreach (var (key, open) in _open)
                {
                    AddSummary(closed, key.Code, key.Principal, open);
                }

                _open.Clear();
            }

            _open[(code, principal)] = new OpenWindow(now);
            ArmTimer();
        }

        _logger.LogWarning("Security event {Code} from {Principal} via {Source} for {Device}: {Detail}", code, principal, source, deviceId, detail);
        Write(new SecurityEvent(now, code, principal, source, deviceId, detail));
        WriteSummaries(closed);
    }

    /// <summary>Raises an event and completes when it is durably stored (never folded).</summary>
    public Task RaiseDurablyAsync(string code, string principal, string source, string? deviceId, string detail)
    {
        _counter.Add(1, new KeyValuePair<string, object?>("code", code));
        _logger.LogWarning("Security event {Code} from {Principal} via {Source} for {Device}: {Detail}", code, principal, source, deviceId, detail);
        return _log.AppendAsync(new SecurityEvent(_time.GetUtcNow(), code, principal, source, deviceId, detail));
    }

    /// <summary>Closes every open window and completes when everything raised so far is stored.</summary>
    public async Task FlushAsync()
    {
        List<SecurityEvent> closed = [];
        Task[] pending;
        lock (_gate)
        {
            foreach (var (key, open) in _open)
            {
                AddSummary(closed, key.Code, key.Principal, open);
            }

            _open.Clear();
        }

        WriteSummaries(closed);
        lock (_gate)
        {
            pending = [.. _writes];
        }

        await Task.WhenAll(pending);
    }

    /// <summary>Stops the timer and writes what is still folded.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await _timer.DisposeAsync();
        await FlushAsync();
        _ownMeter?.Dispose();
    }

    private static void AddSummary(List<SecurityEvent> summaries, string code, string principal, OpenWindow window)
    {
        if (window.Folded > 0)
        {
            summaries.Add(new SecurityEvent(
                window.Last, code, principal, window.Source!, window.DeviceId,
                $"{window.Folded} more like the event at {window.Opened:HH:mm:ss.fff} within {Window.TotalSeconds:0.#} s; the last: {window.Detail}")
            {
                Count = window.Folded,
            });
        }
    }

    // Closes the windows whose time is up, and re-arms the timer for the next one to close.
    private void CloseExpired()
    {
        List<SecurityEvent> closed = [];
        lock (_gate)
        {
            _timerArmed = false;
            var now = _time.GetUtcNow();
            foreach (var (key, window) in _open.Where(w => now - w.Value.Opened >= Window).ToList())
            {
                _open.Remove(key);
                AddSummary(closed, key.Code, key.Principal, window);
            }

            ArmTimer();
        }

        WriteSummaries(closed);
    }

    // Caller holds the gate.
    private void ArmTimer()
    {
        if (_timerArmed || _disposed || _open.Count == 0)
        {
            return;
        }

        var due = _open.Values.Min(w => w.Opened) + Window - _time.GetUtcNow();
        _timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        _timerArmed = true;
    }

    private void WriteSummaries(List<SecurityEvent> summaries)
    {
        foreach (var summary in summaries)
        {
            _logger.LogWarning(
                "Security event {Code} from {Principal} via {Source} for {Device} repeated {Count} more times", summary.Code, summary.Principal, summary.Source, summary.DeviceId, summary.Count);
            Write(summary);
        }
    }

    private void Write(SecurityEvent securityEvent)
    {
        var write = WriteAsync(securityEvent);
        lock (_gate)
        {
            if (!write.IsCompleted)
            {
                _writes.Add(write);
            }
        }

        _ = write.ContinueWith(
            done =>
            {
                lock (_gate)
                {
                    _writes.Remove(done);
                }
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task WriteAsync(SecurityEvent securityEvent)
    {
        try
        {
            await _log.AppendAsync(securityEvent);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The failure's kind, not its text: runtime messages are not for operators' logs.
            _logger.LogError("Could not store security event {Code} ({Count}): {Failure}", securityEvent.Code, securityEvent.Count, e.GetType().Name);
        }
    }

    // A window of identical events: when it opened, how many it folded since, and the last one's context.
    private sealed class OpenWindow(DateTimeOffset opened)
    {
        public DateTimeOffset Opened { get; } = opened;

        public DateTimeOffset Last { get; private set; } = opened;

        public int Folded { get; private set; }

        public string? Source { get; private set; }

        public string? DeviceId { get; private set; }

        public string? Detail { get; private set; }

        public void Fold(DateTimeOffset at, string source, string? deviceId, string detail)
        {
            Last = at;
            Folded++;
            (Source, DeviceId, Detail) = (source, deviceId, detail);
        }
    }
}

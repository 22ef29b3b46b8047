using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Platform.Security;
using Vigil.Record.Events;
using Vigil.Tests.Shared;

namespace Vigil.Platform.Tests.Security;

public sealed class SecurityEventSinkTests : IAsyncLifetime
{
    private readonly IngestHarness _harness = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
    private readonly TestMeters _meters = new();
    private SecurityEventSink _sink = null!;

    private IEventLog Log => _harness.Record.Events;

    public ValueTask InitializeAsync()
    {
        _sink = new SecurityEventSink(Log, _time, NullLogger<SecurityEventSink>.Instance, _meters);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _sink.DisposeAsync();
        _meters.Dispose();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Raise_ABurstFromOnePrincipal_IsWrittenOnceAtOnceAndOnceWithTheCountWhenTheWindowCloses()
    {
        for (var i = 0; i < 10; i++)
        {
            _sink.Raise("topic-denied", "device:m", "mqtt 127.0.0.1", "victim", $"refusal {i}");
        }

        await Eventually.TrueAsync(async () => await Log.CountAsync("topic-denied") == 1, "the first event");
        _time.Advance(SecurityEventSink.Window);

        await Eventually.TrueAsync(async () => await Log.CountAsync("topic-denied") == 10, "the window's summary, written by the timer");
        var events = await Log.ListAsync(new EventQuery("topic-denied"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([9, 1], events.Select(e => e.Count));
        Assert.Contains("refusal 9", events[0].Detail, StringComparison.Ordinal);
        Assert.Equal(10, _meters.Total("topic-denied"));
    }

    [Fact]
    public async Task Raise_SinglesFarApart_AreEachWrittenWithCountOne()
    {
        for (var i = 0; i < 5; i++)
        {
            _sink.Raise("malformed", "device:m", "https 127.0.0.1", null, "single");
            _time.Advance(TimeSpan.FromSeconds(3));
        }

        await _sink.FlushAsync();

        Assert.Equal(Enumerable.Repeat(1, 5), (await Log.ListAsync(new EventQuery("malformed"), cancellationToken: TestContext.Current.CancellationToken)).Select(e => e.Count));
        Assert.Equal(_meters.Total("malformed"), await Log.CountAsync("malformed", cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Raise_TheNextEventAfterAWindow_ClosesItEvenBeforeTheTimer()
    {
        _sink.Raise("malformed", "device:m", "mqtt", null, "a");
        _sink.Raise("malformed", "device:m", "mqtt", null, "b");
        _time.SetUtcNow(_time.GetUtcNow() + SecurityEventSink.Window);
        _sink.Raise("malformed", "device:m", "mqtt", null, "c");

        await Eventually.TrueAsync(async () => await Log.CountAsync("malformed") == 3, "three refusals in the log");
        Assert.Equal(3, _meters.Total("malformed"));
    }

    [Fact]
    public async Task Raise_ManyPrincipalsAndCodesInterleaved_LogTotalsEqualTheCounterByCode()
    {
        var random = new Random(11);
        string[] codes = ["topic-denied", "malformed", "oversized", "replay"];
        for (var i = 0; i < 2_000; i++)
        {
            _sink.Raise(codes[random.Next(codes.Length)], $"device:d{random.Next(30)}", "mqtt", null, "x");
            if (random.Next(100) == 0)
            {
                _time.Advance(TimeSpan.FromMilliseconds(random.Next(400, 1500)));
            }
        }

        await _sink.FlushAsync();

        Assert.All(codes, async code => Assert.Equal(_meters.Total(code), await Log.CountAsync(code, cancellationToken: TestContext.Current.CancellationToken)));
        Assert.Equal(2_000, await Log.CountAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(codes.Where(c => _meters.Total(c) > 0).Order(StringComparer.Ordinal), (await Log.TotalsAsync(cancellationToken: TestContext.Current.CancellationToken)).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Raise_MoreOpenWindowsThanTheLimit_ClosesThemEarlyAndLosesNothing()
    {
        var principals = SecurityEventSink.MaxOpenWindows + 5;
        for (var i = 0; i < principals; i++)
        {
            _sink.Raise("tls-refused", $"anonymous-{i}", "mqtt", null, "first");
            _sink.Raise("tls-refused", $"anonymous-{i}", "mqtt", null, "second");
        }

        await Eventually.TrueAsync(async () => await Log.CountAsync("tls-refused") >= 2L * SecurityEventSink.MaxOpenWindows, "the windows closed early", TimeSpan.FromSeconds(60));
        await _sink.FlushAsync();

        Assert.Equal(2L * principals, await Log.CountAsync("tls-refused", cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DisposeAsync_WithAnOpenWindow_WritesItsCount()
    {
        var sink = new SecurityEventSink(Log, _time);
        sink.Raise("replay", "relay:r", "mqtt", "d", "again");
        sink.Raise("replay", "relay:r", "mqtt", "d", "again");
        sink.Raise("replay", "relay:r", "mqtt", "d", "again");

        await sink.DisposeAsync();

        Assert.Equal(3, await Log.CountAsync("replay", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(2, (await Log.ListAsync(new EventQuery("replay"), cancellationToken: TestContext.Current.CancellationToken)).Count);
    }

    private sealed class TestMeters : IMeterFactory
    {
        private readonly List<Meter> _meters = [];
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _totals = [];

        public TestMeters()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "vigil.security.events" && ReferenceEquals(instrument.Meter.Scope, this))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "code")
                    {
                        lock (_totals)
                        {
                            _totals[(string)tag.Value!] = _totals.GetValueOrDefault((string)tag.Value!) + value;
                        }
                    }
                }
            });
            _listener.Start();
        }

        public long Total(string code)
        {
            lock (_totals)
            {
                return _totals.GetValueOrDefault(code);
            }
        }

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Scope = this });
            _meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            _listener.Dispose();
            _meters.ForEach(m => m.Dispose());
        }
    }
}

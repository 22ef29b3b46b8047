using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Patients;
using Vigil.Record.Events;
using Vigil.Tests.Shared;

namespace Vigil.Server.Tests;

/// <summary>Every refusal is in the event log: its totals by code equal the server's own <c>vigil.security.events</c> counter.</summary>
/// <remarks>
/// The counter is read with a listener on this server's meter factory alone: tests run many servers in
/// one process, and a Prometheus scrape there may mix or drop instruments of servers that stop meanwhile.
/// </remarks>
public sealed class EventTotalsTests
{
    [Fact]
    public async Task Refusals_InBurstsAndAlone_AreAllCountedInTheEventLog()
    {
        // Mallory's 43 refusals in a burst would hold it off after 10 (HoldOffTests): here every one must reach its own code.
        await using var server = new ServerFixture().With("Vigil:HoldOffAfterRefusals", "100");
        await server.StartAsync();
        using var counter = new ServerCounter(server.App.Services.GetRequiredService<IMeterFactory>());
        var mallory = await server.DeviceAsync("totals-mallory");
        var victim = await server.DeviceAsync("totals-victim");
        var cancellation = TestContext.Current.CancellationToken;
        await using (var sender = await server.ConnectOrFailAsync(mallory.Certificate))
        {
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal("topic-denied", (await sender.SendAsync(victim.Id, mallory.Seal().Envelope, cancellation)).Code);
            }

            for (var i = 0; i < 33; i++)
            {
                Assert.Equal("malformed", (await sender.SendAsync(mallory.Id, [0xA1, 0x01, (byte)i], cancellation)).Code);
            }

            Assert.Equal("topic-invalid", (await sender.PublishAsync("telemetry/raw", mallory.Seal().Envelope, cancellation)).Code);
        }

        IReadOnlyDictionary<string, long> counted = new Dictionary<string, long>();
        IReadOnlyDictionary<string, long> logged = new Dictionary<string, long>();
        await Eventually.TrueAsync(
            async () =>
            {
                counted = counter.Totals();
                logged = await server.Events.TotalsAsync();
                return counted.GetValueOrDefault("malformed") == 33 && counted.All(c => logged.GetValueOrDefault(c.Key) == c.Value);
            },
            () => $"the event log's totals ({Show(logged)}) to reach the counter's ({Show(counted)})");

        Assert.Equal(10, counted["topic-denied"]);
        Assert.Equal(1, counted["topic-invalid"]);
        Assert.Equal(10, logged["topic-denied"]);
        Assert.Equal(33, logged["malformed"]);
        Assert.Equal(1, logged["topic-invalid"]);
        Assert.Equal(counted.Values.Sum(), await server.Events.CountAsync(cancellationToken: TestContext.Current.CancellationToken));
        var denied = await server.Events.ListAsync(new EventQuery("topic-denied"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.InRange(denied.Count, 2, 10);
        Assert.Equal(10, denied.Sum(e => e.Count));
    }

    [Fact]
    public async Task AccessDenied_InABurstOfOneUser_IsCountedInFull()
    {
        await using var server = new ServerFixture();
        await server.StartAsync();
        using var counter = new ServerCounter(server.App.Services.GetRequiredService<IMeterFactory>());
        Assert.True(await server.Registry.AddPatientAsync(PatientId.Parse("totals-stranger"), "Not Theirs", DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken));
        await server.StaffAsync("dr-curious", Vigil.Domain.Access.StaffRole.Clinician, "totals-ward");
        using var api = await server.SignInAsync("dr-curious");
        for (var i = 0; i < 25; i++)
        {
            var path = i % 2 == 0 ? "/api/v1/patients/totals-stranger/readings" : "/api/v1/devices";
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await api.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
        }

        await Eventually.TrueAsync(
            async () => counter.Totals().GetValueOrDefault("access-denied") == 25 && (await server.Events.TotalsAsync()).GetValueOrDefault("access-denied") == 25,
            async () => $"25 access-denied counted ({Show(counter.Totals())}) and logged ({Show(await server.Events.TotalsAsync())})");

        var denied = await server.Events.ListAsync(new EventQuery("access-denied"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(25, denied.Sum(e => e.Count));
        Assert.True(denied.Count < 25, $"{denied.Count} rows: the burst was folded into windows");
    }

    private static string Show(IReadOnlyDictionary<string, long> totals) =>
        string.Join(", ", totals.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));

    // The vigil.security.events counter of one server's meter factory, summed by code.
    private sealed class ServerCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _totals = [];

        public ServerCounter(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "vigil.security.events" && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "code" && tag.Value is string code)
                    {
                        lock (_totals)
                        {
                            _totals[code] = _totals.GetValueOrDefault(code) + value;
                        }
                    }
                }
            });
            _listener.Start();
        }

        public IReadOnlyDictionary<string, long> Totals()
        {
            lock (_totals)
            {
                return new Dictionary<string, long>(_totals);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}

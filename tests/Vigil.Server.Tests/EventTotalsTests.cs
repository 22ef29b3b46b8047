using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Record.Events;
using Vigil.Simulator.Transport;
using Vigil.Tests.Shared;

namespace Vigil.Server.Tests;

/// <summary>Every refusal is in the event log: its totals by code equal the server's own <c>vigil.security.events</c> counter.</summary>
public sealed partial class EventTotalsTests
{
    [Fact]
    public async Task Refusals_InBurstsAndAlone_AreAllCountedInTheEventLog()
    {
        await using var server = new ServerFixture();
        await server.StartAsync();
        var mallory = server.Device("totals-mallory");
        var victim = server.Device("totals-victim");
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

        using var metrics = MetricsClient(server);
        Dictionary<string, long> counted = [];
        IReadOnlyDictionary<string, long> logged = new Dictionary<string, long>();
        await Eventually.TrueAsync(
            () =>
            {
                counted = Counters(metrics.GetStringAsync($"https://127.0.0.1:{server.HttpsPort}/metrics", cancellation).GetAwaiter().GetResult());
                logged = server.Events.Totals();
                return counted.GetValueOrDefault("malformed") == 33 && counted.Count > 0 && counted.All(c => logged.GetValueOrDefault(c.Key) == c.Value);
            },
            "the event log's totals to reach the counters");

        Assert.Equal(10, logged["topic-denied"]);
        Assert.Equal(33, logged["malformed"]);
        Assert.Equal(1, logged["topic-invalid"]);
        Assert.Equal(counted.Values.Sum(), server.Events.Count());
        var denied = server.Events.List(new EventQuery("topic-denied"));
        Assert.InRange(denied.Count, 2, 10);
        Assert.Equal(10, denied.Sum(e => e.Count));
    }

    private static HttpClient MetricsClient(ServerFixture server)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = PlatformTrust.Validator(server.PlatformCa);
        return new HttpClient(handler, disposeHandler: true);
    }

    private static Dictionary<string, long> Counters(string prometheus) =>
        CounterLine().Matches(prometheus).GroupBy(m => m.Groups["code"].Value)
            .ToDictionary(g => g.Key, g => g.Sum(m => (long)double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)));

    [GeneratedRegex("""^vigil_security_events(?:_total)?\{[^}]*code="(?<code>[^"]+)"[^}]*\} (?<value>[0-9.e+]+)""", RegexOptions.Multiline)]
    private static partial Regex CounterLine();
}

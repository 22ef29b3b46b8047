using System.Net;
using Vigil.Simulator.Fleet;

namespace Vigil.Cli.Tests;

public sealed class RelayRouteTests
{
    // A route depends on the seed, the time and the endpoint's host and ports, never on its CA.
    private static readonly System.Security.Cryptography.X509Certificates.X509Certificate2 Ca = null!;

    private static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void At_OverADay_HubsMoveBetweenLoopbackAddressesAndEveryThirdFallsBackToHttps()
    {
        var endpoint = new FleetEndpoint("127.0.0.1", 8883, Ca, 8443);

        var routes = Enumerable.Range(1, 6).ToDictionary(seed => seed, seed => Day(seed, endpoint));

        Assert.All(routes.Values.SelectMany(r => r), r => Assert.True(r.Address is { } a && IPAddress.IsLoopback(a) && !a.Equals(IPAddress.Loopback), $"{r.Address}"));
        Assert.All(routes.Values, r => Assert.True(r.Select(x => x.Address).Distinct().Count() > 3));
        Assert.Contains(routes[3], r => r.Transport == RelayTransport.Https);
        Assert.Contains(routes[3], r => r.Transport == RelayTransport.Mqtt);
        Assert.Contains(routes[6], r => r.Transport == RelayTransport.Https);
        Assert.All(routes[1].Concat(routes[2]).Concat(routes[4]), r => Assert.Equal(RelayTransport.Mqtt, r.Transport));
        Assert.Equal(routes[5], Day(5, endpoint));
    }

    [Fact]
    public void At_RemoteOrNoRoaming_KeepsTheSystemsAddressAndMqtt()
    {

        var remote = Day(3, new FleetEndpoint("vigil.example.org", 8883, Ca, 8443));
        var still = Day(3, new FleetEndpoint("127.0.0.1", 8883, Ca, 8443, Roaming: false));
        var mqttOnly = Day(3, new FleetEndpoint("127.0.0.1", 8883, Ca));

        Assert.All(remote, r => Assert.Null(r.Address));
        Assert.Contains(remote, r => r.Transport == RelayTransport.Https);
        Assert.All(still, r => Assert.Equal(new RelayRoute(null, RelayTransport.Mqtt), r));
        Assert.All(mqttOnly, r => Assert.Equal(RelayTransport.Mqtt, r.Transport));
    }

    private static List<RelayRoute> Day(int seed, FleetEndpoint endpoint) =>
        [.. Enumerable.Range(0, 144).Select(i => RelayRoute.At(seed, Start + (RelayRoute.Period * i), endpoint))];
}

using System.Security.Cryptography.X509Certificates;

namespace Vigil.Simulator.Fleet;

/// <summary>Where the fleet sends: the platform's address, ports and the CA its TLS certificate chains to.</summary>
/// <param name="Host">Host name or address.</param>
/// <param name="MqttPort">MQTT over TLS port.</param>
/// <param name="PlatformCa">The platform CA devices and relays are provisioned with.</param>
/// <param name="HttpsPort">The HTTPS ingest port, for hubs that fall back to HTTPS; null when the fleet sends by MQTT only.</param>
/// <param name="Roaming">Whether relays roam between networks and transports (<see cref="RelayRoute.At"/>).</param>
/// <param name="RoamPeriod">How long, in simulated time, a relay stays on one network before it may move; null for <see cref="RelayRoute.Period"/>.</param>
public sealed record FleetEndpoint(string Host, int MqttPort, X509Certificate2 PlatformCa, int? HttpsPort = null, bool Roaming = true, TimeSpan? RoamPeriod = null);

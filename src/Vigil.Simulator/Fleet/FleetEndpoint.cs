using System.Security.Cryptography.X509Certificates;

namespace Vigil.Simulator.Fleet;

/// <summary>Where the fleet sends: the platform's MQTT address and the CA its TLS certificate chains to.</summary>
/// <param name="Host">Host name or address.</param>
/// <param name="MqttPort">MQTT over TLS port.</param>
/// <param name="PlatformCa">The platform CA devices and relays are provisioned with.</param>
public sealed record FleetEndpoint(string Host, int MqttPort, X509Certificate2 PlatformCa);

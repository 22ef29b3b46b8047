using MQTTnet.Protocol;
using MQTTnet.Server;
using Vigil.Domain.Devices;
using Vigil.Platform.Devices;
using Vigil.Protocol;

namespace Vigil.Server.Gateway;

/// <summary>
/// Closes the MQTT session of a device as soon as this node's registry snapshot has it revoked,
/// with DISCONNECT reason NotAuthorized and reason string <c>device-revoked</c>. Without it the
/// session would stay open until the device's next publish, which is refused, or its next
/// CONNECT; with it the device keeps no subscription to its commands either. A relay's session
/// stays: it carries other devices, and the revoked one's batches are refused at ingest.
/// </summary>
internal sealed class RevokedSessions(RegistryCache registry, ILogger logger)
{
    /// <summary>Starts closing revoked devices' sessions on this broker.</summary>
    public void Attach(MqttServer server) => registry.Revoked += devices => _ = CloseAsync(server, devices);

    /// <summary>Whether a session is the device's own (its principal is the device, not a relay of the same name).</summary>
    public static bool IsDevice(MqttClientStatus client, string principalItem, IReadOnlyList<DeviceId> devices) =>
        client.Session.Items[principalItem] is Principal { Kind: PrincipalKind.Device } principal && devices.Any(d => d.Value == principal.Id);

    private async Task CloseAsync(MqttServer server, IReadOnlyList<DeviceId> devices)
    {
        try
        {
            foreach (var client in await server.GetClientsAsync())
            {
                if (IsDevice(client, MqttGateway.PrincipalItem, devices))
                {
                    await client.DisconnectAsync(new MqttServerClientDisconnectOptions
                    {
                        ReasonCode = MqttDisconnectReasonCode.NotAuthorized,
                        ReasonString = Outcomes.DeviceRevoked.Code,
                    });
                    logger.LogInformation("Closed the MQTT session of {Device}: the device is revoked", client.Id);
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A session that ends on its own meanwhile is no failure; a revoked device's next publish is refused anyway.
            logger.LogWarning("Could not close the MQTT sessions of revoked devices {Devices}: {Failure}", string.Join(", ", devices), e.Message);
        }
    }
}

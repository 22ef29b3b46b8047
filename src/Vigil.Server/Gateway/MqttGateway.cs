using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Vigil.Domain.Devices;
using Vigil.Platform.Ingest;
using Vigil.Protocol;

namespace Vigil.Server.Gateway;

/// <summary>
/// The embedded MQTT 5 broker (MQTTnet on a Kestrel endpoint with TLS and client certificates).
/// It authenticates at CONNECT, confines each principal to its own topics, and answers every
/// publish at QoS 1 with a PUBACK sent only after the batch is durably stored (or refused):
/// reason code, the Vigil code as reason string and user property <c>vigil-code</c>, and the
/// signed receipt as user property <c>vigil-receipt</c> (base64). Batches are never routed to
/// subscribers.
/// </summary>
internal sealed class MqttGateway
{
    private const string PrincipalItem = "vigil.principal";
    private const string SourceItem = "vigil.source";
    private const string HeldOffToldItem = "vigil.held-off-told";

    private readonly IngestGateway _gateway;
    private readonly ClientAuthenticator _authenticator;
    private readonly GatewayLimitOptions _options;
    private readonly ConcurrentDictionary<IPAddress, int> _connectionsPerSource = new();

    // Connections whose CONNECT reached validation (whatever its outcome), by remote end point.
    private readonly ConcurrentDictionary<string, byte> _validated = new(StringComparer.Ordinal);

    /// <summary>Creates the gateway's broker logic.</summary>
    public MqttGateway(IngestGateway gateway, ClientAuthenticator authenticator, IOptions<GatewayLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _gateway = gateway;
        _authenticator = authenticator;
        _options = options.Value;
    }

    /// <summary>How long the broker waits for a CONNECT, and for a packet to be sent, before it closes the connection.</summary>
    public static readonly TimeSpan CommunicationTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The longest a held-off connection is kept waiting before it is answered or closed.</summary>
    public static readonly TimeSpan LongestTarpit = TimeSpan.FromMinutes(1);

    /// <summary>The largest MQTT packet let through to the broker: a sealed batch at the limit plus topic and properties.</summary>
    public int MaxPacketBytes => _options.MaxMessageBytes + 4096;

    /// <summary>Attaches the gateway's handlers to the broker before it accepts connections.</summary>
    public void Attach(MqttServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        server.ValidatingConnectionAsync += ValidateConnectionAsync;
        server.ClientDisconnectedAsync += ClientDisconnectedAsync;
        server.InterceptingPublishAsync += InterceptPublishAsync;
        server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
    }

    /// <summary>
    /// Runs as a TLS connection opens, before MQTT reads a byte of it. A held-off principal's
    /// (<see cref="IngestGateway.HeldOff"/>) first new connection during its hold goes straight on,
    /// to be refused at CONNECT with its code; every further one is kept waiting, at the cost of a
    /// timer, for the rest of the hold (at most <see cref="LongestTarpit"/>) before MQTT sees it, so
    /// that a held-off sender cannot make the platform pay for handshake after handshake at the
    /// speed it reconnects.
    /// </summary>
    public async Task BeforeMqttAsync(EndPoint? remote, X509Certificate2? certificate, CancellationToken closed)
    {
        var principal = _authenticator.Identify(certificate);
        TimeSpan wait;
        if (principal is null)
        {
            if (remote is not IPEndPoint endpoint || (wait = _gateway.AnonymousHoldRemaining(endpoint.Address, out var first)) == TimeSpan.Zero || first)
            {
                return;
            }

            _gateway.Refuse(null, $"mqtt {remote}", null, Outcomes.HeldOff.Code, $"connections without an enrolled certificate from {endpoint.Address} are held off; the connection waits");
        }
        else
        {
            if (_gateway.HeldOff(principal) is not { } held || _gateway.FirstConnectionDuringHold(principal))
            {
                return;
            }

            _gateway.Refuse(principal, $"mqtt {remote}", null, Outcomes.HeldOff.Code, $"{held}; the connection waits");
            wait = _gateway.HoldRemaining(principal);
        }

        try
        {
            await Task.Delay(wait < LongestTarpit ? wait : LongestTarpit, closed);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Records a connection closed for a packet whose type byte MQTT 5 forbids (a reserved type,
    /// wrong reserved flags, a PUBLISH with QoS 3), naming the certificate's principal.
    /// </summary>
    public void ForbiddenPacket(EndPoint? remote, X509Certificate2? certificate, byte first)
    {
        var principal = _authenticator.Identify(certificate);
        DeviceId? device = principal is { Kind: PrincipalKind.Device } && DeviceId.TryParse(principal.Id, out var id) ? id : null;
        _gateway.Refuse(principal, $"mqtt {remote}", device, Outcomes.MalformedMqtt.Code, $"a packet began with 0x{first:X2}, which MQTT 5 forbids; connection closed");
        if (principal is null && remote is IPEndPoint endpoint)
        {
            _gateway.StrikeAnonymous(endpoint.Address, $"mqtt {remote}");
        }

        // Told here; the connection's end adds no second event for it.
        _validated[remote?.ToString() ?? string.Empty] = 0;
    }

    /// <summary>
    /// Called when a connection ends: one that never brought a CONNECT to validation (bytes that
    /// are not MQTT, a malformed CONNECT, silence until the timeout) is refused input of its
    /// certificate's principal, with a <see cref="Outcomes.MalformedMqtt"/> event.
    /// </summary>
    public void Ended(EndPoint? remote, X509Certificate2? certificate)
    {
        if (_validated.TryRemove(remote?.ToString() ?? string.Empty, out _))
        {
            return;
        }

        var principal = _authenticator.Identify(certificate);
        DeviceId? device = principal is { Kind: PrincipalKind.Device } && DeviceId.TryParse(principal.Id, out var id) ? id : null;
        _gateway.Refuse(principal, $"mqtt {remote}", device, Outcomes.MalformedMqtt.Code, "the connection ended without a valid CONNECT");
        if (principal is null && remote is IPEndPoint endpoint)
        {
            _gateway.StrikeAnonymous(endpoint.Address, $"mqtt {remote}");
        }
    }

    /// <summary>
    /// Records a connection closed for announcing a packet above the limit, naming the device or
    /// relay whose certificate the TLS session carried (the packet may precede MQTT's CONNECT).
    /// </summary>
    public void PacketTooLarge(EndPoint? remote, X509Certificate2? certificate, long size)
    {
        var principal = _authenticator.Identify(certificate);
        DeviceId? device = principal is { Kind: PrincipalKind.Device } && DeviceId.TryParse(principal.Id, out var id) ? id : null;
        _gateway.Refuse(principal, $"mqtt {remote}", device, Outcomes.PacketTooLarge.Code, $"a packet of {size} bytes was announced; the limit is {MaxPacketBytes}; connection closed");
    }

    private async Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        _validated[e.RemoteEndPoint?.ToString() ?? string.Empty] = 0;
        var address = (e.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        var source = $"mqtt {e.RemoteEndPoint}";
        var (principal, code, detail, refusedDevice) = await _authenticator.AuthenticateAsync(e.ClientCertificate);
        if (principal is null)
        {
            e.ReasonCode = MqttReasons.ConnAck(code);
            e.ReasonString = code;
            _gateway.Refuse(null, source, refusedDevice, code, detail);
            _gateway.StrikeAnonymous(address, source);
            return;
        }

        if (e.ClientId != principal.Id)
        {
            e.ReasonCode = MqttReasons.ConnAck(Outcomes.ClientIdMismatch.Code);
            e.ReasonString = Outcomes.ClientIdMismatch.Code;
            _gateway.Refuse(principal, source, null, Outcomes.ClientIdMismatch.Code, $"client id '{e.ClientId}' is not the certificate's '{principal.Id}'");
            return;
        }

        if (_gateway.HeldOff(principal) is { } held)
        {
            e.ReasonCode = MqttReasons.ConnAck(Outcomes.HeldOff.Code);
            e.ReasonString = Outcomes.HeldOff.Code;
            _gateway.Refuse(principal, source, null, Outcomes.HeldOff.Code, held);
            return;
        }

        var count = _connectionsPerSource.AddOrUpdate(address, 1, (_, n) => n + 1);
        if (count > _options.MaxConnectionsPerSource)
        {
            _connectionsPerSource.AddOrUpdate(address, 0, (_, n) => n - 1);
            e.ReasonCode = MqttReasons.ConnAck(Outcomes.TooManyConnections.Code);
            e.ReasonString = Outcomes.TooManyConnections.Code;
            _gateway.Refuse(principal, source, null, Outcomes.TooManyConnections.Code, $"more than {_options.MaxConnectionsPerSource} connections from {address}");
            return;
        }

        e.SessionItems[PrincipalItem] = principal;
        e.SessionItems[SourceItem] = source;
    }

    private Task ClientDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        if (e.SessionItems.Contains(PrincipalItem) && e.RemoteEndPoint is IPEndPoint endpoint)
        {
            _connectionsPerSource.AddOrUpdate(endpoint.Address, 0, (_, n) => Math.Max(0, n - 1));
        }

        return Task.CompletedTask;
    }

    private async Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        e.ProcessPublish = false;
        if (e.SessionItems[PrincipalItem] is not Principal principal)
        {
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            return;
        }

        var source = e.SessionItems[SourceItem] as string ?? "mqtt";
        var device = TopicScheme.ParseBatches(e.ApplicationMessage.Topic);
        IngestResult result;
        if (device is null)
        {
            result = _gateway.Refuse(principal, source, null, Outcomes.TopicInvalid.Code, $"publish to '{e.ApplicationMessage.Topic}' is outside the topic scheme");
        }
        else
        {
            var payload = e.ApplicationMessage.Payload;
            result = payload.Length > _gateway.MaxMessageBytes
                ? _gateway.Refuse(principal, source, device, Outcomes.Oversized.Code, $"{payload.Length} bytes exceed the limit of {_gateway.MaxMessageBytes}")
                : await _gateway.SubmitAsync(principal, source, device.Value, System.Buffers.BuffersExtensions.ToArray(payload));
        }

        if (result.Code == Outcomes.HeldOff.Code && Told(e.SessionItems))
        {
            // Told once that it is held off, a connection that goes on publishing is answered
            // slowly: MQTTnet reads a connection's packets one after another, so its next publish
            // waits too, at no cost but a timer.
            var wait = _gateway.HoldRemaining(principal);
            try
            {
                await Task.Delay(wait < LongestTarpit ? wait : LongestTarpit, e.CancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }

        e.Response.ReasonCode = MqttReasons.PubAck(result.Code);
        e.Response.ReasonString = result.Code;
        e.Response.UserProperties ??= [];
        e.Response.UserProperties.Add(new MqttUserProperty("vigil-code", (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(result.Code)));
        if (result.Receipt is { } receipt)
        {
            e.Response.UserProperties.Add(new MqttUserProperty("vigil-receipt", (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(Convert.ToBase64String(receipt))));
        }
    }

    // Whether this connection was answered held-off before (and marks it so).
    private static bool Told(System.Collections.IDictionary items)
    {
        var told = items.Contains(HeldOffToldItem);
        items[HeldOffToldItem] = true;
        return told;
    }

    private Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        if (e.SessionItems[PrincipalItem] is not Principal principal)
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            return Task.CompletedTask;
        }

        var device = TopicScheme.ParseCommands(e.TopicFilter.Topic);
        if (device is null || !_gateway.MaySpeakFor(principal, device.Value))
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttReasons.SubAck(Outcomes.TopicDenied.Code);
            e.ReasonString = Outcomes.TopicDenied.Code;
            _gateway.Refuse(principal, e.SessionItems[SourceItem] as string ?? "mqtt", device, Outcomes.TopicDenied.Code, $"{principal} may not subscribe to '{e.TopicFilter.Topic}'");
        }

        return Task.CompletedTask;
    }
}

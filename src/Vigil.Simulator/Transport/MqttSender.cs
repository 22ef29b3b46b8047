using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Vigil.Domain.Devices;

namespace Vigil.Simulator.Transport;

/// <summary>
/// A device's or relay's MQTT 5 connection to Vigil over TLS with its client certificate.
/// Batches go out at QoS 1 to <c>vigil/v1/devices/{id}/batches</c>; the PUBACK carries the Vigil
/// code and the signed receipt.
/// </summary>
public sealed class MqttSender : IBatchSender
{
    private readonly IMqttClient _client;

    private MqttSender(IMqttClient client, string clientId)
    {
        _client = client;
        ClientId = clientId;
    }

    /// <summary>The MQTT client id (the certificate's common name).</summary>
    public string ClientId { get; }

    /// <inheritdoc />
    public string Transport => "mqtt";

    /// <summary>Whether the connection is up.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Connects; the client id is the principal's id (the certificate's common name).</summary>
    /// <returns>The sender, or the CONNACK reason code when the platform refused.</returns>
    public static Task<(MqttSender? Sender, string Refusal)> ConnectAsync(
        string host, int port, X509Certificate2 clientCertificate, X509Certificate2 platformCa, CancellationToken cancellationToken) =>
        ConnectAsync(host, port, clientCertificate, platformCa, null, cancellationToken);

    /// <summary>Connects from a given local address (a relay that roams between networks), or from any when null.</summary>
    /// <returns>The sender, or the CONNACK reason code when the platform refused.</returns>
    public static async Task<(MqttSender? Sender, string Refusal)> ConnectAsync(
        string host, int port, X509Certificate2 clientCertificate, X509Certificate2 platformCa, IPAddress? localAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientCertificate);
        var client = new MqttClientFactory().CreateMqttClient();
        var clientId = clientCertificate.GetNameInfo(X509NameType.SimpleName, false);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(15))
            .WithTlsOptions(tls => tls
                .UseTls()
                .WithTargetHost("localhost")
                .WithClientCertificates([clientCertificate])
                .WithCertificateValidationHandler(context => PlatformTrust.Validator(platformCa)(client, context.Certificate, context.Chain, context.SslPolicyErrors)))
            .Build();
        if (localAddress is not null && options.ChannelOptions is MqttClientTcpOptions tcp)
        {
            tcp.LocalEndpoint = new IPEndPoint(localAddress, 0);
        }

        try
        {
            var result = await client.ConnectAsync(options, cancellationToken);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                client.Dispose();
                return (null, result.ReasonString ?? result.ResultCode.ToString());
            }
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException e)
        {
            client.Dispose();
            return (null, e.Message);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException e)
        {
            client.Dispose();
            return (null, e.Message);
        }

        return (new MqttSender(client, clientId), string.Empty);
    }

    /// <summary>Publishes a sealed batch for a device and waits for the platform's answer.</summary>
    public Task<Delivery> SendAsync(DeviceId device, byte[] envelope, CancellationToken cancellationToken) =>
        PublishAsync($"vigil/v1/devices/{device.Value}/batches", envelope, cancellationToken);

    /// <summary>Publishes raw bytes to any topic (the attack lab uses it for wrong topics).</summary>
    public async Task<Delivery> PublishAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken);
        string? code = null;
        byte[]? receipt = null;
        foreach (var property in result.UserProperties ?? [])
        {
            if (property.Name == "vigil-code")
            {
                code = Encoding.UTF8.GetString(property.ValueBuffer.Span);
            }
            else if (property.Name == "vigil-receipt")
            {
                receipt = Convert.FromBase64String(Encoding.UTF8.GetString(property.ValueBuffer.Span));
            }
        }

        return new Delivery(result.IsSuccess, code ?? result.ReasonString ?? result.ReasonCode.ToString(), result.ReasonCode.ToString(), receipt);
    }

    /// <summary>Subscribes to a topic filter; returns the SUBACK reason code.</summary>
    public async Task<string> SubscribeAsync(string topic, CancellationToken cancellationToken)
    {
        var result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
        return result.Items.Single().ResultCode.ToString();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync();
            }
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // The broker closed the connection first (after refusing a packet, say): nothing to say goodbye to.
        }
        finally
        {
            _client.Dispose();
        }
    }
}

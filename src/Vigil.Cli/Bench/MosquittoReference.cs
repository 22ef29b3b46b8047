using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Vigil.Cli.Bench;

/// <summary>
/// Debian's mosquitto as the reference broker: TLS with client certificates on 127.0.0.1, no
/// checks beyond TLS, QoS 1, and queues that never drop (max_queued_messages 0), with one
/// subscriber counting what actually arrives.
/// </summary>
internal sealed class MosquittoReference : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly IMqttClient _subscriber;
    private long _received;

    private MosquittoReference(ChildProcess process, IMqttClient subscriber)
    {
        _process = process;
        _subscriber = subscriber;
        _subscriber.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref _received);
            return Task.CompletedTask;
        };
    }

    public int ProcessId => _process.Id;

    public long Received => Interlocked.Read(ref _received);

    public static string? Executable() =>
        new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto" }.FirstOrDefault(File.Exists);

    public static async Task<MosquittoReference> StartAsync(
        string executable, string folder, int port, string makerCaPem, string tlsCertificate, string tlsKey,
        X509Certificate2 subscriberCertificate, X509Certificate2 platformCa, CancellationToken cancellationToken)
    {
        var config = Path.Combine(folder, "mosquitto.conf");
        File.WriteAllLines(config,
        [
            "user root",
            "persistence false",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "max_queued_messages 0",
            "max_inflight_messages 0",
            $"listener {port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1",
            $"cafile {makerCaPem}",
            $"certfile {tlsCertificate}",
            $"keyfile {tlsKey}",
            "require_certificate true",
            "allow_anonymous true",
        ]);
        var process = ChildProcess.Start(executable, ["-c", config]);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        IMqttClient? subscriber = null;
        while (subscriber is null)
        {
            try
            {
                subscriber = await ConnectSubscriberAsync(port, subscriberCertificate, platformCa, cancellationToken);
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Adapter.MqttConnectingFailedException && DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        await subscriber.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter("vigil/v1/devices/+/batches", MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
        return new MosquittoReference(process, subscriber);
    }

    /// <summary>Waits until <paramref name="expected"/> messages arrived or the bound passes; returns what arrived.</summary>
    public async Task<long> WaitForAsync(long expected, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (Received < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscriber.IsConnected)
        {
            await _subscriber.DisconnectAsync();
        }

        _subscriber.Dispose();
        _process.Dispose();
    }

    private static async Task<IMqttClient> ConnectSubscriberAsync(int port, X509Certificate2 certificate, X509Certificate2 platformCa, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("bench-subscriber")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTlsOptions(tls => tls
                .UseTls()
                .WithTargetHost("localhost")
                .WithClientCertificates([certificate])
                .WithCertificateValidationHandler(c => Simulator.Transport.PlatformTrust.Validator(platformCa)(client, c.Certificate, c.Chain, c.SslPolicyErrors)))
            .Build();
        try
        {
            await client.ConnectAsync(options, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}

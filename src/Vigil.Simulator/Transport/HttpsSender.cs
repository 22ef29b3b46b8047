using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;

namespace Vigil.Simulator.Transport;

/// <summary>A device's or relay's HTTPS connection to Vigil's ingest API, with its client certificate.</summary>
internal sealed class HttpsSender : IBatchSender, IDisposable
{
    private readonly HttpClient _client;

    /// <summary>Creates a sender for a base address such as https://127.0.0.1:8443.</summary>
    public HttpsSender(Uri baseAddress, X509Certificate2? clientCertificate, X509Certificate2 platformCa)
        : this(baseAddress, clientCertificate, platformCa, null)
    {
    }

    /// <summary>Creates a sender whose connections leave from a given local address (a relay that roams), or from any when null.</summary>
    public HttpsSender(Uri baseAddress, X509Certificate2? clientCertificate, X509Certificate2 platformCa, IPAddress? localAddress)
    {
        var handler = new SocketsHttpHandler();
        if (localAddress is not null)
        {
            handler.ConnectCallback = (context, cancellationToken) => ConnectFromAsync(localAddress, context.DnsEndPoint, cancellationToken);
        }

        handler.SslOptions.RemoteCertificateValidationCallback = PlatformTrust.Validator(platformCa);
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        _client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <inheritdoc />
    public string Transport => "https";

    /// <inheritdoc />
    public bool IsConnected => true;

    /// <summary>Posts a sealed batch.</summary>
    public async Task<Delivery> SendAsync(DeviceId device, byte[] envelope, CancellationToken cancellationToken)
    {
        var (status, code, body) = await PostAsync($"/api/v1/devices/{device.Value}/batches", envelope, "application/cose", cancellationToken);
        var acknowledged = status is 200 or 202;
        return new Delivery(acknowledged, code, status.ToString(System.Globalization.CultureInfo.InvariantCulture), acknowledged ? body : null);
    }

    /// <summary>Posts raw bytes; returns the status, the Vigil code and the body.</summary>
    public async Task<(int Status, string Code, byte[] Body)> PostAsync(string path, byte[] body, string contentType, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await _client.PostAsync(path, content, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var code = response.Headers.TryGetValues("Vigil-Code", out var values) ? values.First() : ProblemCode(bytes);
        return ((int)response.StatusCode, code, bytes);
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress local, DnsEndPoint remote, CancellationToken cancellationToken)
    {
        var socket = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(local, 0));
            await socket.ConnectAsync(remote, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string ProblemCode(byte[] body)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("code", out var code) ? code.GetString() ?? "unknown" : "unknown";
        }
        catch (System.Text.Json.JsonException)
        {
            return "unknown";
        }
    }
}

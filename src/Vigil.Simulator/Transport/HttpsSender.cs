using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;

namespace Vigil.Simulator.Transport;

/// <summary>A device's or relay's HTTPS connection to Vigil's ingest API, with its client certificate.</summary>
public sealed class HttpsSender : IDisposable
{
    private readonly HttpClient _client;

    /// <summary>Creates a sender for a base address such as https://127.0.0.1:8443.</summary>
    public HttpsSender(Uri baseAddress, X509Certificate2? clientCertificate, X509Certificate2 platformCa)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = PlatformTrust.Validator(platformCa);
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        _client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

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

using Vigil.Simulator.Transport;
using Vigil.Tests.Shared;

namespace Vigil.Server.Tests;

public sealed class MetricsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Metrics_AfterIngestAndARefusal_ExposeBothForPrometheus()
    {
        var device = await server.DeviceAsync("metrics-1");
        await using (var sender = await server.ConnectOrFailAsync(device.Certificate))
        {
            await sender.SendAsync(device.Id, device.Seal().Envelope, TestContext.Current.CancellationToken);
            await sender.PublishAsync("not/a/vigil/topic", [1, 2, 3], TestContext.Current.CancellationToken);
        }

        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = PlatformTrust.Validator(server.PlatformCa);
        using var client = new HttpClient(handler);
        string text = string.Empty;
        await Eventually.TrueAsync(
            () =>
            {
                text = client.GetStringAsync($"https://127.0.0.1:{server.HttpsPort}/metrics", TestContext.Current.CancellationToken).GetAwaiter().GetResult();
                return text.Contains("vigil_security_events", StringComparison.Ordinal) && text.Contains("vigil_ingest_batches", StringComparison.Ordinal);
            },
            "ingest and security metrics");

        Assert.Contains("code=\"topic-invalid\"", text);
    }
}

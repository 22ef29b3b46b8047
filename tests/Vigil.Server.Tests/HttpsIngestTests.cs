using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Domain.Devices;

namespace Vigil.Server.Tests;

public sealed class HttpsIngestTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Post_SealedBatch_Returns202WithAReceiptAndStoresIt()
    {
        var device = await server.DeviceAsync("http-ok-1");
        using var https = server.Https(device.Certificate);
        var batch = device.Seal();

        var delivery = await https.SendAsync(device.Id, batch.Envelope, TestContext.Current.CancellationToken);

        Assert.Equal("202", delivery.TransportStatus);
        Assert.Equal("stored", delivery.Code);
        Assert.NotNull(delivery.Receipt);
        Assert.NotNull(await server.Batches.FindBatchAsync(device.Id, batch.Sequence, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Post_Twice_SecondIs200DuplicateAndStoredOnce()
    {
        var device = await server.DeviceAsync("http-dup-1");
        using var https = server.Https(device.Certificate);
        var batch = device.Seal();

        await https.SendAsync(device.Id, batch.Envelope, TestContext.Current.CancellationToken);
        var again = await https.SendAsync(device.Id, batch.Envelope, TestContext.Current.CancellationToken);

        Assert.Equal("200", again.TransportStatus);
        Assert.Equal("duplicate", again.Code);
        Assert.Equal(1, await server.Batches.CountBatchesAsync(device.Id, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("random", 400)]
    [InlineData("tampered", 403)]
    public async Task Post_BadBody_IsProblemJsonAndNotStored(string kind, int status)
    {
        var device = await server.DeviceAsync($"http-bad-{kind}");
        using var https = server.Https(device.Certificate);
        var envelope = device.Seal().Envelope;
        var body = kind == "random" ? RandomNumberGenerator.GetBytes(300) : [.. envelope[..^10], (byte)(envelope[^10] ^ 4), .. envelope[^9..]];

        var (code, vigilCode, response) = await https.PostAsync($"/api/v1/devices/{device.Id}/batches", body, "application/cose", TestContext.Current.CancellationToken);

        Assert.Equal(status, code);
        using var problem = JsonDocument.Parse(response);
        Assert.Equal(vigilCode, problem.RootElement.GetProperty("code").GetString());
        Assert.StartsWith("urn:vigil:problem:", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(0, await server.Batches.CountBatchesAsync(device.Id, cancellationToken: TestContext.Current.CancellationToken));
        await server.WaitForEventAsync(vigilCode, device.Id.Value);
    }

    [Fact]
    public async Task Post_WithoutClientCertificate_Is401()
    {
        var device = await server.DeviceAsync("http-anon-1");
        using var https = server.Https(null);

        var (status, code, _) = await https.PostAsync($"/api/v1/devices/{device.Id}/batches", device.Seal().Envelope, "application/cose", TestContext.Current.CancellationToken);

        Assert.Equal(401, status);
        Assert.Equal("no-certificate", code);
    }

    [Fact]
    public async Task Post_ForAnotherDevice_Is403TopicDenied()
    {
        var mallory = await server.DeviceAsync("http-lateral-1");
        var victim = await server.DeviceAsync("http-lateral-2");
        using var https = server.Https(mallory.Certificate);

        var (status, code, _) = await https.PostAsync($"/api/v1/devices/{victim.Id}/batches", mallory.Seal().Envelope, "application/cose", TestContext.Current.CancellationToken);

        Assert.Equal(403, status);
        Assert.Equal("topic-denied", code);
    }

    [Fact]
    public async Task Post_Oversized_Is413()
    {
        var device = await server.DeviceAsync("http-big-1");
        using var https = server.Https(device.Certificate);

        var (status, code, _) = await https.PostAsync($"/api/v1/devices/{device.Id}/batches", new byte[100_000], "application/cose", TestContext.Current.CancellationToken);

        Assert.Equal(413, status);
        Assert.Equal("oversized", code);
    }

    [Fact]
    public async Task Post_WrongContentType_Is415()
    {
        var device = await server.DeviceAsync("http-type-1");
        using var https = server.Https(device.Certificate);

        var (status, code, _) = await https.PostAsync($"/api/v1/devices/{device.Id}/batches", device.Seal().Envelope, "application/json", TestContext.Current.CancellationToken);

        Assert.Equal(415, status);
        Assert.Equal("unsupported-media-type", code);
    }

    [Fact]
    public async Task Post_RevokedDevice_Is401WithTheReason()
    {
        var device = await server.DeviceAsync("http-revoked-1");
        await server.Registry.SetDeviceStatusAsync(device.Id, DeviceStatus.Revoked, "lost", DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken);
        await server.RegistryChanged();
        using var https = server.Https(device.Certificate);

        var (status, code, _) = await https.PostAsync($"/api/v1/devices/{device.Id}/batches", device.Seal().Envelope, "application/cose", TestContext.Current.CancellationToken);

        Assert.Equal(403, status);
        Assert.Equal("device-revoked", code);
    }
}

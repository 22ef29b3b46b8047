using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Vigil.Record.Ledger;
using Vigil.Tests.Shared;

namespace Vigil.Server.Tests;

/// <summary>Checkpoints published outside the data folder: to a directory and to an HTTPS-style PUT endpoint that needs a token.</summary>
public sealed class CheckpointPublishTests : IAsyncDisposable
{
    private const string Token = "publish-token-7f3a";
    private readonly ServerFixture _server = new();
    private readonly string _published = Directory.CreateTempSubdirectory("vigil-published-").FullName;
    private readonly ConcurrentDictionary<string, string> _received = new();
    private int _requests;
    private WebApplication? _receiver;

    [Fact]
    public async Task Checkpoints_GoToTheDirectoryAndThePutEndpoint_AgainAfterAFailure()
    {
        var port = FreePorts.Take(1)[0];
        await StartReceiverAsync(port);
        _server.Settings["Vigil:CheckpointIntervalSeconds"] = "1";
        _server.Settings["Vigil:Checkpoints:PublishDirectory"] = _published;
        _server.Settings["Vigil:Checkpoints:PublishUrl"] = $"http://127.0.0.1:{port}/logs/vigil";
        _server.Settings["Vigil:Checkpoints:PublishToken"] = Token;
        await _server.StartAsync();
        var device = await _server.DeviceAsync("publish-1");
        using var https = _server.Https(device.Certificate);

        Assert.Equal("stored", (await https.SendAsync(device.Id, device.Seal().Envelope, Ct)).Code);

        using var signing = _server.Folder.SigningCertificate;
        using var key = System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPublicKey(signing)!;
        var origin = CheckpointSigner.OriginOf(signing);
        long SizeOf(string? note) => note is not null && SignedNote.Open(note, origin, key) is { } text ? Checkpoint.Parse(text)!.Size : 0;
        await Eventually.TrueAsync(() => SizeOf(_received.GetValueOrDefault("/logs/vigil/checkpoint")) >= 1, "the PUT endpoint to receive a checkpoint of the batch", TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => SizeOf(Read(Path.Combine(_published, "checkpoint"))) >= 1, "the directory to receive it", TimeSpan.FromSeconds(30));

        var latest = _received["/logs/vigil/checkpoint"];
        Assert.Equal(latest, _received[$"/logs/vigil/checkpoints/{SizeOf(latest)}"]);
        Assert.True(_requests >= 3, "the endpoint failed the first PUT, and both of the checkpoint's PUTs came after it");
        Assert.True(File.Exists(Path.Combine(_published, "checkpoints", SizeOf(Read(Path.Combine(_published, "checkpoint"))).ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        Directory.Delete(_published, recursive: true);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    // A PUT store that wants the token, and fails its very first request as a busy endpoint would.
    private async Task StartReceiverAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        _receiver = builder.Build();
        _receiver.MapPut("/{**path}", async (HttpContext http) =>
        {
            if (http.Request.Headers.Authorization != $"Bearer {Token}")
            {
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            }

            if (Interlocked.Increment(ref _requests) == 1)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            using var reader = new StreamReader(http.Request.Body);
            _received[http.Request.Path] = await reader.ReadToEndAsync();
            return Results.NoContent();
        });
        await _receiver.StartAsync(Ct);
    }
}

namespace Vigil.Server.Tests;

public sealed class RestartTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new();

    public ValueTask InitializeAsync() => _server.InitializeAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Replay_AfterARestart_IsStillNotStoredTwice()
    {
        var device = await _server.DeviceAsync("restart-1");
        var first = device.Seal();
        var later = device.Seal();
        await using (var sender = await _server.ConnectOrFailAsync(device.Certificate))
        {
            Assert.Equal("stored", (await sender.SendAsync(device.Id, later.Envelope, TestContext.Current.CancellationToken)).Code);
            Assert.Equal("stored", (await sender.SendAsync(device.Id, first.Envelope, TestContext.Current.CancellationToken)).Code);
        }

        await _server.StopAsync();
        await _server.StartAsync();

        await using var again = await _server.ConnectOrFailAsync(device.Certificate);
        Assert.Equal("duplicate", (await again.SendAsync(device.Id, first.Envelope, TestContext.Current.CancellationToken)).Code);
        Assert.Equal("duplicate", (await again.SendAsync(device.Id, later.Envelope, TestContext.Current.CancellationToken)).Code);
        Assert.Equal(2, await _server.Batches.CountBatchesAsync(device.Id, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("stored", (await again.SendAsync(device.Id, device.Seal().Envelope, TestContext.Current.CancellationToken)).Code);
    }

    [Fact]
    public void SecondServer_OnTheSameDataFolder_IsRefused()
    {
        var error = Assert.Throws<Hosting.InstanceLockedException>(() => Hosting.VigilServerBuilder.Build(new Dictionary<string, string?> { ["Vigil:DataFolder"] = _server.Root }));

        Assert.Contains("already running", error.Message);
    }
}

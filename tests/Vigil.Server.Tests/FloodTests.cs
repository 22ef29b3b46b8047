namespace Vigil.Server.Tests;

public sealed class FloodTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new();

    public async ValueTask InitializeAsync()
    {
        _server.Settings["Vigil:DeviceRatePerSecond"] = "2";
        _server.Settings["Vigil:DeviceBurst"] = "5";
        await _server.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task FloodingDevice_IsThrottledWhileAnotherDeviceIsServed()
    {
        var flooder = await _server.DeviceAsync("flood-1");
        var neighbour = await _server.DeviceAsync("flood-2");
        await using var flooding = await _server.ConnectOrFailAsync(flooder.Certificate);
        await using var normal = await _server.ConnectOrFailAsync(neighbour.Certificate);

        var floodCodes = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 40; i++)
        {
            floodCodes.Add((await flooding.SendAsync(flooder.Id, flooder.Seal().Envelope, TestContext.Current.CancellationToken)).Code);
        }

        var elapsed = clock.Elapsed;
        var neighbourDelivery = await normal.SendAsync(neighbour.Id, neighbour.Seal().Envelope, TestContext.Current.CancellationToken);

        Assert.Contains("rate-limited", floodCodes);
        // The bucket holds 5 and refills at 2 a second: however slow this machine, no more than that got through.
        var allowed = 5 + (int)Math.Ceiling(2 * elapsed.TotalSeconds) + 1;
        Assert.InRange(floodCodes.Count(c => c == "stored"), 5, allowed);
        Assert.Equal("stored", neighbourDelivery.Code);
        Assert.True(flooding.IsConnected);
        await _server.WaitForEventAsync("rate-limited", flooder.Id.Value);
    }
}

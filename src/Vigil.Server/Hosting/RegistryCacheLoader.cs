using Vigil.Platform.Devices;

namespace Vigil.Server.Hosting;

/// <summary>
/// Loads the registry's first snapshot before the gateways start, so that the first device to
/// connect is judged against the registry rather than an empty one. Registered before the MQTT
/// broker and Kestrel, whose hosted services start after it.
/// </summary>
internal sealed class RegistryCacheLoader(RegistryCache cache) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => cache.RefreshAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

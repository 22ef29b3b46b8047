using Vigil.Identity.Keys;
using Vigil.Identity.Provisioning;

namespace Vigil.Server.Hosting;

/// <summary>
/// Prepares the data folder when the server starts, not when its services are registered: creates
/// what is missing (<see cref="DataFolder.Initialize"/>) and takes the lock that keeps a second
/// server off the folder, held until the server is disposed. Registered as the first hosted
/// service, and also run by the first service that needs the folder's keys, if that comes first
/// (the server's identity is only opened after it), so nothing reads the folder before it is
/// initialised and held.
/// </summary>
internal sealed class DataFolderStartup(DataFolder folder, TimeProvider time) : IHostedLifecycleService, IDisposable
{
    private readonly Lock _lock = new();
    private InstanceLock? _held;

    /// <summary>Initialises the folder and takes its lock, once.</summary>
    /// <exception cref="InstanceLockedException">Another server holds the folder.</exception>
    public void Open()
    {
        lock (_lock)
        {
            if (_held is not null)
            {
                return;
            }

            folder.Initialize(time, Environment.GetEnvironmentVariable(FileKeyStore.PassphraseVariable));
            _held = InstanceLock.TryAcquire(folder.LockPath)
                ?? throw new InstanceLockedException($"Another Vigil server is already running on {folder.Root}.");
        }
    }

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        Open();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Releases the folder's lock.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _held?.Dispose();
        }
    }
}

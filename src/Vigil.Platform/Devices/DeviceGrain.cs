using Vigil.Domain.Devices;
using Vigil.Platform.Ingest;

namespace Vigil.Platform.Devices;

/// <summary>
/// One device's actor. Orleans runs its calls one at a time, which is what makes the device's
/// replay window safe without locks; the work itself is <see cref="DeviceIngest"/>.
/// </summary>
internal sealed class DeviceGrain(IngestServices services) : Grain, IDeviceGrain
{
    private DeviceIngest? _ingest;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ingest = new DeviceIngest(DeviceId.Parse(this.GetPrimaryKeyString()), services);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IngestResult> IngestAsync(IngestRequest request) => _ingest!.IngestAsync(request);
}

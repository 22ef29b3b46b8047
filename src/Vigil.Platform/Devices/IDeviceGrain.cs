using Vigil.Platform.Ingest;

namespace Vigil.Platform.Devices;

/// <summary>The actor of one device, keyed by device id: every batch of the device passes through it, one at a time.</summary>
public interface IDeviceGrain : IGrainWithStringKey
{
    /// <summary>Opens, checks and stores a batch; answers once it is durable (or refused).</summary>
    Task<IngestResult> IngestAsync(IngestRequest request);
}

using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;

namespace Vigil.Protocol.Opening;

/// <summary>A device directory held in memory, for the showcase, tests and benchmarks.</summary>
public sealed class InMemoryDeviceDirectory : IDeviceDirectory
{
    private readonly ConcurrentDictionary<string, DeviceCredential> _byKeyId = new();
    private readonly ConcurrentDictionary<DeviceId, byte> _ids = new();

    /// <summary>Enrolls a device certificate.</summary>
    public DeviceCredential Add(DeviceId id, X509Certificate2 certificate)
    {
        var credential = new DeviceCredential(id, certificate);
        _byKeyId[credential.KeyIdHex] = credential;
        _ids[id] = 0;
        return credential;
    }

    /// <inheritdoc />
    public bool IsKnown(DeviceId id) => _ids.ContainsKey(id);

    /// <inheritdoc />
    public DeviceCredential? FindByKeyId(string keyIdHex) => _byKeyId.GetValueOrDefault(keyIdHex);
}

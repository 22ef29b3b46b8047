using Vigil.Domain.Devices;

namespace Vigil.Protocol.Opening;

/// <summary>Where the opener finds enrolled devices and their certificates (the registry, later).</summary>
public interface IDeviceDirectory
{
    /// <summary>Whether a device with this id is enrolled.</summary>
    bool IsKnown(DeviceId id);

    /// <summary>The enrolled certificate with this kid (lower-case hex), or null.</summary>
    DeviceCredential? FindByKeyId(string keyIdHex);
}

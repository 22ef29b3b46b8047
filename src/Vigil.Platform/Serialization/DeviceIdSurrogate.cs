using Vigil.Domain.Devices;

namespace Vigil.Platform.Serialization;

/// <summary>A <see cref="DeviceId"/> as Orleans carries it between actors: its text, parsed again on arrival.</summary>
[GenerateSerializer]
[Immutable]
internal struct DeviceIdSurrogate
{
    /// <summary>The identifier text.</summary>
    [Id(0)]
    public string Value;
}

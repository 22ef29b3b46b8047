using Vigil.Domain.Devices;

namespace Vigil.Platform.Serialization;

/// <summary>Lets Orleans carry a <see cref="DeviceId"/>, which belongs to the domain and knows nothing of Orleans.</summary>
[RegisterConverter]
internal sealed class DeviceIdConverter : IConverter<DeviceId, DeviceIdSurrogate>
{
    /// <inheritdoc />
    public DeviceId ConvertFromSurrogate(in DeviceIdSurrogate surrogate) => DeviceId.Parse(surrogate.Value);

    /// <inheritdoc />
    public DeviceIdSurrogate ConvertToSurrogate(in DeviceId value) => new() { Value = value.Value };
}

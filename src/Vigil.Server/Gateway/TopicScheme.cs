using Vigil.Domain.Devices;

namespace Vigil.Server.Gateway;

/// <summary>
/// The MQTT topics (docs/gateway.md): a device publishes sealed batches to
/// <c>vigil/v1/devices/{id}/batches</c> and subscribes to <c>vigil/v1/devices/{id}/commands</c>;
/// a relay uses the same topics for the devices bound to it.
/// </summary>
internal static class TopicScheme
{
    private const string Prefix = "vigil/v1/devices/";

    /// <summary>The topic a device's batches are published to.</summary>
    public static string Batches(DeviceId device) => $"{Prefix}{device.Value}/batches";

    /// <summary>The topic a device's commands are published to.</summary>
    public static string Commands(DeviceId device) => $"{Prefix}{device.Value}/commands";

    /// <summary>The device of a batches topic, or null for any other topic.</summary>
    public static DeviceId? ParseBatches(string? topic) => Parse(topic, "/batches");

    /// <summary>The device of a commands topic, or null for any other topic (wildcards included).</summary>
    public static DeviceId? ParseCommands(string? topic) => Parse(topic, "/commands");

    private static DeviceId? Parse(string? topic, string suffix)
    {
        if (topic is null || !topic.StartsWith(Prefix, StringComparison.Ordinal) || !topic.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var id = topic[Prefix.Length..^suffix.Length];
        return DeviceId.TryParse(id, out var device) ? device : null;
    }
}

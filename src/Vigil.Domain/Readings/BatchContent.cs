using Vigil.Domain.Devices;

namespace Vigil.Domain.Readings;

/// <summary>
/// What a device says in one batch: who it is, the batch's place in its sequence, when it was
/// made, which firmware made it, and the readings.
/// </summary>
/// <param name="DeviceId">The device that made the batch.</param>
/// <param name="Sequence">The device's monotonic batch counter; each value is used once.</param>
/// <param name="Created">When the device sealed the batch, by its clock.</param>
/// <param name="FirmwareDigest">SHA-256 of the running firmware image (32 bytes).</param>
/// <param name="Readings">The readings, in any order.</param>
public sealed record BatchContent(
    DeviceId DeviceId,
    ulong Sequence,
    DateTimeOffset Created,
    ReadOnlyMemory<byte> FirmwareDigest,
    IReadOnlyList<Reading> Readings)
{
    /// <summary>Length of a firmware digest (SHA-256).</summary>
    public const int FirmwareDigestLength = 32;

    /// <inheritdoc />
    public bool Equals(BatchContent? other) =>
        other is not null
        && DeviceId == other.DeviceId
        && Sequence == other.Sequence
        && Created == other.Created
        && FirmwareDigest.Span.SequenceEqual(other.FirmwareDigest.Span)
        && Readings.SequenceEqual(other.Readings);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DeviceId, Sequence, Created, Readings.Count);
}

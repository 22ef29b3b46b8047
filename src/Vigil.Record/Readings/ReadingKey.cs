using Vigil.Domain.Devices;

namespace Vigil.Record.Readings;

/// <summary>Names one stored reading.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Sequence">The batch.</param>
/// <param name="Index">The reading's place in the batch.</param>
public readonly record struct ReadingKey(DeviceId DeviceId, ulong Sequence, int Index);

using Vigil.Domain.Devices;

namespace Vigil.Record.Batches;

/// <summary>What a device last did, kept with every stored batch.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="LastSeen">When its latest batch was received.</param>
/// <param name="LastSource">Which principal carried it (the device itself, or a relay).</param>
/// <param name="Batches">How many batches of it are stored.</param>
public sealed record DeviceActivity(DeviceId DeviceId, DateTimeOffset LastSeen, string LastSource, long Batches);

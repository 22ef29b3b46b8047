using Vigil.Domain.Devices;

namespace Vigil.Record.Batches;

/// <summary>A batch as the record holds it.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Sequence">Its sequence number.</param>
/// <param name="Created">When the device sealed it.</param>
/// <param name="ReceivedAt">When the platform received it.</param>
/// <param name="Source">How it arrived.</param>
/// <param name="EnvelopeDigest">SHA-256 of the envelope.</param>
/// <param name="SignedBatch">The device's COSE_Sign1.</param>
/// <param name="ReadingCount">Readings in it.</param>
/// <param name="Quarantined">Whether its device was quarantined.</param>
public sealed record StoredBatch(
    DeviceId DeviceId,
    ulong Sequence,
    DateTimeOffset Created,
    DateTimeOffset ReceivedAt,
    string Source,
    byte[] EnvelopeDigest,
    byte[] SignedBatch,
    int ReadingCount,
    bool Quarantined);

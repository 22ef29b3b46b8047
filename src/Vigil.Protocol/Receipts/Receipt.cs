using Vigil.Domain.Devices;

namespace Vigil.Protocol.Receipts;

/// <summary>What the platform signs when it acknowledges a batch.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Sequence">The batch's sequence number.</param>
/// <param name="AcceptedAt">When the platform durably stored it.</param>
/// <param name="EnvelopeDigest">SHA-256 of the envelope as received.</param>
/// <param name="Outcome">The code of <see cref="Outcomes.Stored"/>, or of <see cref="Outcomes.Duplicate"/> for a batch stored earlier.</param>
public sealed record Receipt(DeviceId DeviceId, ulong Sequence, DateTimeOffset AcceptedAt, byte[] EnvelopeDigest, string Outcome);

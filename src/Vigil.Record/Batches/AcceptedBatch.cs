using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Record.Readings;

namespace Vigil.Record.Batches;

/// <summary>A batch that opened and passed the replay window, ready to be committed.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Sequence">Its sequence number.</param>
/// <param name="Created">When the device sealed it.</param>
/// <param name="ReceivedAt">When the platform received it.</param>
/// <param name="Source">Transport and principal it came through, such as <c>mqtt:relay hub-7</c>.</param>
/// <param name="SessionId">The protocol session it was sealed in.</param>
/// <param name="FirmwareDigest">The firmware digest it attests.</param>
/// <param name="EnvelopeDigest">SHA-256 of the sealed envelope as received.</param>
/// <param name="SignedBatch">The device's COSE_Sign1, kept for end-to-end verification.</param>
/// <param name="ReadingCount">How many readings it holds.</param>
/// <param name="Quarantined">Whether the device was quarantined when it arrived.</param>
/// <param name="Readings">Its readings with their verdicts, stored in the same transaction.</param>
/// <param name="PatientId">The patient its device was bound to when it arrived; its data key seals the batch.</param>
/// <param name="SessionStart">The start of the session the device signed, Unix seconds.</param>
public sealed record AcceptedBatch(
    DeviceId DeviceId,
    ulong Sequence,
    DateTimeOffset Created,
    DateTimeOffset ReceivedAt,
    string Source,
    byte[] SessionId,
    byte[] FirmwareDigest,
    byte[] EnvelopeDigest,
    byte[] SignedBatch,
    int ReadingCount,
    bool Quarantined,
    IReadOnlyList<StoredReading>? Readings = null,
    PatientId? PatientId = null,
    long? SessionStart = null);

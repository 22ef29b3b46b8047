namespace Vigil.Record.Ledger;

/// <summary>The columns of a stored batch that its leaf (version 3) covers besides its digests (docs/record.md, "Leaves").</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Sequence">Its sequence number.</param>
/// <param name="CreatedAtMs">When the device created it (Unix ms), as signed.</param>
/// <param name="ReceivedAtMs">When Vigil received it (Unix ms).</param>
/// <param name="PatientId">The patient its readings are filed under, or null for an unbound device.</param>
/// <param name="Source">The transport and principal it came through.</param>
/// <param name="SessionId">The session it was sealed in.</param>
/// <param name="SessionStartMs">The session start the device signed, as stored (Unix seconds), or null for protocol version 1.</param>
/// <param name="FirmwareDigest">The firmware digest the device reported.</param>
/// <param name="Quarantined">Whether its device was quarantined when it was stored.</param>
/// <param name="RulesVersion">The verification rules its readings were verified under at ingest, or null when it holds none.</param>
public readonly record struct BatchColumns(
    string DeviceId, ulong Sequence, long CreatedAtMs, long ReceivedAtMs, string? PatientId, string Source, byte[] SessionId, long? SessionStartMs,
    byte[] FirmwareDigest, bool Quarantined, int? RulesVersion);

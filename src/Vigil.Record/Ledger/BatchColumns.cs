namespace Vigil.Record.Ledger;

/// <summary>
/// The columns of a stored batch that its leaf (version 3) covers besides its digests (docs/record.md,
/// "Leaves"). A ref struct: the auditor builds one per batch straight from the row it scans.
/// </summary>
public readonly ref struct BatchColumns
{
    /// <summary>Gathers the columns.</summary>
    /// <param name="deviceId">The device.</param>
    /// <param name="sequence">Its sequence number.</param>
    /// <param name="createdAtMs">When the device created it (Unix ms), as signed.</param>
    /// <param name="receivedAtMs">When Vigil received it (Unix ms).</param>
    /// <param name="patientId">The patient its readings are filed under, or null for an unbound device.</param>
    /// <param name="source">The transport and principal it came through.</param>
    /// <param name="sessionId">The session it was sealed in.</param>
    /// <param name="sessionStart">The session start the device signed, as stored (Unix seconds), or null for protocol version 1.</param>
    /// <param name="firmwareDigest">The firmware digest the device reported.</param>
    /// <param name="quarantined">Whether its device was quarantined when it was stored.</param>
    /// <param name="rulesVersion">The verification rules its readings were verified under at ingest, or null when it holds none.</param>
    public BatchColumns(
        string deviceId, ulong sequence, long createdAtMs, long receivedAtMs, string? patientId, string source, ReadOnlySpan<byte> sessionId, long? sessionStart,
        ReadOnlySpan<byte> firmwareDigest, bool quarantined, int? rulesVersion)
    {
        (DeviceId, Sequence, CreatedAtMs, ReceivedAtMs, PatientId, Source) = (deviceId, sequence, createdAtMs, receivedAtMs, patientId, source);
        SessionId = sessionId;
        FirmwareDigest = firmwareDigest;
        (SessionStart, Quarantined, RulesVersion) = (sessionStart, quarantined, rulesVersion);
    }

    /// <summary>The device.</summary>
    public string DeviceId { get; }

    /// <summary>Its sequence number.</summary>
    public ulong Sequence { get; }

    /// <summary>When the device created it (Unix ms).</summary>
    public long CreatedAtMs { get; }

    /// <summary>When Vigil received it (Unix ms).</summary>
    public long ReceivedAtMs { get; }

    /// <summary>The patient, or null.</summary>
    public string? PatientId { get; }

    /// <summary>The transport and principal.</summary>
    public string Source { get; }

    /// <summary>The session id.</summary>
    public ReadOnlySpan<byte> SessionId { get; }

    /// <summary>The signed session start (Unix seconds), or null.</summary>
    public long? SessionStart { get; }

    /// <summary>The reported firmware digest.</summary>
    public ReadOnlySpan<byte> FirmwareDigest { get; }

    /// <summary>Whether the device was quarantined.</summary>
    public bool Quarantined { get; }

    /// <summary>The ingest rules version, or null.</summary>
    public int? RulesVersion { get; }
}

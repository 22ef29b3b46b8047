namespace Vigil.Platform.Ingest;

/// <summary>Outcome codes of ingest beyond the protocol's open failures (<see cref="Protocol.OpenFailureCodes"/>).</summary>
public static class IngestCodes
{
    /// <summary>Durably stored; acknowledged with a receipt.</summary>
    public const string Stored = "stored";

    /// <summary>The identical batch was stored before: acknowledged again, nothing stored.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>A used sequence number with different content, or one the window and record both know: refused.</summary>
    public const string Replay = "replay";

    /// <summary>The device is revoked: refused.</summary>
    public const string DeviceRevoked = "device-revoked";

    /// <summary>The batch names another device than the topic or path it was sent to.</summary>
    public const string TopicMismatch = "topic-mismatch";

    /// <summary>The record could not commit; nothing acknowledged, the sender should retry.</summary>
    public const string StoreUnavailable = "store-unavailable";
}

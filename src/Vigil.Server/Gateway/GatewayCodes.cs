namespace Vigil.Server.Gateway;

/// <summary>Codes of refusals made by the gateway itself, before a batch reaches its device's actor.</summary>
public static class GatewayCodes
{
    /// <summary>No client certificate.</summary>
    public const string NoCertificate = "no-certificate";

    /// <summary>The certificate chains to a trusted CA but names no enrolled device or relay.</summary>
    public const string NotEnrolled = "not-enrolled";

    /// <summary>The MQTT client id differs from the certificate's identity.</summary>
    public const string ClientIdMismatch = "client-id-mismatch";

    /// <summary>Too many connections from one source.</summary>
    public const string TooManyConnections = "too-many-connections";

    /// <summary>A topic outside the scheme.</summary>
    public const string TopicInvalid = "topic-invalid";

    /// <summary>Publishing or subscribing for a device the principal may not speak for.</summary>
    public const string TopicDenied = "topic-denied";

    /// <summary>A message larger than the limit.</summary>
    public const string Oversized = "oversized";

    /// <summary>An MQTT packet announced above the packet limit: the connection is closed.</summary>
    public const string PacketTooLarge = "packet-too-large";

    /// <summary>An MQTT connection ended without a valid CONNECT: bytes that are not MQTT, a malformed CONNECT, or silence.</summary>
    public const string MalformedMqtt = "malformed-mqtt";

    /// <summary>The principal sent too much refused input lately and is held off for a while (docs/gateway.md).</summary>
    public const string HeldOff = "held-off";

    /// <summary>Above the principal's rate.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>A content type other than application/cose.</summary>
    public const string UnsupportedMediaType = "unsupported-media-type";
}

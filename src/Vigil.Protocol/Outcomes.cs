using System.Collections.Frozen;

namespace Vigil.Protocol;

/// <summary>
/// The catalogue of outcome codes: every answer to a batch and every refused input of ingest, over
/// MQTT and HTTPS, has its code here, once, with its HTTP status, its MQTT reason codes, its kind
/// and its meaning. Every other assembly reads codes and their mappings from here; docs/gateway.md
/// documents the same table, and a test holds the two together. Codes are on the wire: never
/// rename one or change its status or reason.
/// </summary>
public static class Outcomes
{
    private const byte Success = 0x00;
    private const byte UnspecifiedError = 0x80;
    private const byte ClientIdentifierNotValid = 0x85;
    private const byte NotAuthorized = 0x87;
    private const byte Banned = 0x8A;
    private const byte TopicNameInvalid = 0x90;
    private const byte QuotaExceeded = 0x97;
    private const byte PayloadFormatInvalid = 0x99;

    /// <summary>The device's actor committed the batch and fsynced it; the answer carries a receipt.</summary>
    public static readonly Outcome Stored = new("stored", OutcomeKind.Acknowledged, 202, Success, null, "durably stored");

    /// <summary>The same signed content was stored before: acknowledged again with a receipt, nothing stored, a <see cref="Replay"/> event recorded.</summary>
    public static readonly Outcome Duplicate = new("duplicate", OutcomeKind.Acknowledged, 200, Success, null, "stored before; not stored again");

    /// <summary>See <see cref="OpenFailure.Malformed"/>.</summary>
    public static readonly Outcome Malformed = new("malformed", OutcomeKind.Attack, 400, PayloadFormatInvalid, null, "not well-formed CBOR, or not the COSE structure the protocol specifies");

    /// <summary>See <see cref="OpenFailure.NestingTooDeep"/>.</summary>
    public static readonly Outcome NestingTooDeep = new("nesting-too-deep", OutcomeKind.Attack, 400, PayloadFormatInvalid, null, "arrays or maps nested deeper than the limit");

    /// <summary>See <see cref="OpenFailure.InvalidContent"/>.</summary>
    public static readonly Outcome InvalidContent = new("invalid-content", OutcomeKind.Attack, 400, PayloadFormatInvalid, null, "the batch decodes but breaks the schema: a value or unit its kind does not allow (docs/protocol.md §3.3), a time outside its bounds");

    /// <summary>See <see cref="OpenFailure.UnsupportedVersion"/>.</summary>
    public static readonly Outcome UnsupportedVersion = new("unsupported-version", OutcomeKind.Attack, 400, PayloadFormatInvalid, null, "a protocol version this platform does not speak");

    /// <summary>See <see cref="OpenFailure.UnsupportedAlgorithm"/>.</summary>
    public static readonly Outcome UnsupportedAlgorithm = new("unsupported-algorithm", OutcomeKind.Attack, 400, PayloadFormatInvalid, null, "a COSE algorithm other than A256GCM (envelope) or ES256 (signature)");

    /// <summary>See <see cref="OpenFailure.InvalidEphemeralKey"/>.</summary>
    public static readonly Outcome InvalidEphemeralKey = new("invalid-ephemeral-key", OutcomeKind.Attack, 400, PayloadFormatInvalid, null, "the ephemeral key is not a valid P-256 point");

    /// <summary>A message above the gateway's limit, or any limit of the protocol (<see cref="OpenFailure.Oversized"/>).</summary>
    public static readonly Outcome Oversized = new("oversized", OutcomeKind.Attack, 413, PayloadFormatInvalid, null, "a size, count or length beyond its limit: the message (64 KiB), or any limit of docs/protocol.md §9 (readings, values, samples, text, CBOR items)");

    /// <summary>A publish to a topic outside the scheme, or an HTTPS path that names no valid device id.</summary>
    public static readonly Outcome TopicInvalid = new("topic-invalid", OutcomeKind.Attack, 400, TopicNameInvalid, null, "outside the topic scheme");

    /// <summary>Publishing or subscribing for a device the principal may not speak for.</summary>
    public static readonly Outcome TopicDenied = new("topic-denied", OutcomeKind.Attack, 403, NotAuthorized, null, "not this principal's device");

    /// <summary>The batch names another device than the topic or path it was sent to.</summary>
    public static readonly Outcome TopicMismatch = new("topic-mismatch", OutcomeKind.Attack, 403, NotAuthorized, null, "the authenticated batch is another device's than its topic or path names (docs/protocol.md §9 step 17, after authentication, before the replay check)");

    /// <summary>See <see cref="OpenFailure.DecryptionFailed"/>.</summary>
    public static readonly Outcome DecryptionFailed = new("decryption-failed", OutcomeKind.Attack, 403, NotAuthorized, null, "AES-GCM authentication failed: altered in transit, a wrong key or a wrong header");

    /// <summary>See <see cref="OpenFailure.BadSignature"/>.</summary>
    public static readonly Outcome BadSignature = new("bad-signature", OutcomeKind.Attack, 403, NotAuthorized, null, "the ECDSA signature does not verify with the device certificate's key");

    /// <summary>See <see cref="OpenFailure.UnknownKeyId"/>.</summary>
    public static readonly Outcome UnknownKeyId = new("unknown-key-id", OutcomeKind.Attack, 403, NotAuthorized, null, "the signature's kid names no enrolled device certificate");

    /// <summary>See <see cref="OpenFailure.BindingMismatch"/>.</summary>
    public static readonly Outcome BindingMismatch = new("binding-mismatch", OutcomeKind.Attack, 403, NotAuthorized, null, "envelope, signature and batch disagree on device, sequence number or time");

    /// <summary>See <see cref="OpenFailure.WrongRecipient"/>.</summary>
    public static readonly Outcome WrongRecipient = new("wrong-recipient", OutcomeKind.Attack, 403, NotAuthorized, null, "encrypted to a key that is not one of this platform's ingest keys");

    /// <summary>See <see cref="OpenFailure.UnknownDevice"/>.</summary>
    public static readonly Outcome UnknownDevice = new("unknown-device", OutcomeKind.Attack, 403, NotAuthorized, null, "the envelope names a device the platform does not know");

    /// <summary>See <see cref="OpenFailure.SessionConflict"/>.</summary>
    public static readonly Outcome SessionConflict = new("session-conflict", OutcomeKind.Attack, 403, NotAuthorized, null, "a known session id arrived with a different ephemeral key");

    /// <summary>See <see cref="OpenFailure.SessionExpired"/>.</summary>
    public static readonly Outcome SessionExpired = new("session-expired", OutcomeKind.Attack, 403, NotAuthorized, null, "the batch falls outside its session's lifetime or batch budget");

    /// <summary>See <see cref="OpenFailure.UntrustedChain"/>; at CONNECT also a client certificate that does not decode.</summary>
    public static readonly Outcome UntrustedChain = new("untrusted-chain", OutcomeKind.Attack, 401, NotAuthorized, NotAuthorized, "the certificate does not chain to a trusted CA (a maker CA for a device, the platform CA for a relay)");

    /// <summary>See <see cref="OpenFailure.CertificateExpired"/>.</summary>
    public static readonly Outcome CertificateExpired = new("certificate-expired", OutcomeKind.Attack, 401, NotAuthorized, NotAuthorized, "the certificate has expired");

    /// <summary>See <see cref="OpenFailure.CertificateNotYetValid"/>.</summary>
    public static readonly Outcome CertificateNotYetValid = new("certificate-not-yet-valid", OutcomeKind.Attack, 401, NotAuthorized, NotAuthorized, "the certificate is not valid yet");

    /// <summary>The device is revoked: its batches are refused, and its connections at CONNECT (T20).</summary>
    public static readonly Outcome DeviceRevoked = new("device-revoked", OutcomeKind.Attack, 403, NotAuthorized, Banned, "the device is revoked");

    /// <summary>A used sequence number with different signed content; also the event of every <see cref="Duplicate"/>.</summary>
    public static readonly Outcome Replay = new("replay", OutcomeKind.Attack, 409, NotAuthorized, null, "a used sequence number with different signed content (clone evidence, docs/protocol.md §8.1)");

    /// <summary>Above the principal's token bucket.</summary>
    public static readonly Outcome RateLimited = new("rate-limited", OutcomeKind.Throttle, 429, QuotaExceeded, null, "above the principal's rate");

    /// <summary>The principal sent too much refused input lately and is held off for a while.</summary>
    public static readonly Outcome HeldOff = new("held-off", OutcomeKind.Throttle, 429, QuotaExceeded, QuotaExceeded, "the principal sent too much refused input lately and is held off (see Hold-off)");

    /// <summary>The record could not commit; nothing is acknowledged.</summary>
    public static readonly Outcome StoreUnavailable = new("store-unavailable", OutcomeKind.Unavailable, 503, UnspecifiedError, null, "the record could not commit; retry");

    /// <summary>No client certificate (HTTPS; the MQTT listener's TLS handshake requires one).</summary>
    public static readonly Outcome NoCertificate = new("no-certificate", OutcomeKind.Attack, 401, null, null, "no client certificate");

    /// <summary>The certificate chains to a trusted CA but names no enrolled device or relay.</summary>
    public static readonly Outcome NotEnrolled = new("not-enrolled", OutcomeKind.Attack, 401, null, NotAuthorized, "the certificate is trusted but names no enrolled device or relay");

    /// <summary>A content type other than application/cose (HTTPS).</summary>
    public static readonly Outcome UnsupportedMediaType = new("unsupported-media-type", OutcomeKind.Attack, 415, null, null, "not `application/cose`");

    /// <summary>The MQTT client id differs from the certificate's identity.</summary>
    public static readonly Outcome ClientIdMismatch = new("client-id-mismatch", OutcomeKind.Attack, null, null, ClientIdentifierNotValid, "the MQTT client id is not the certificate's name");

    /// <summary>Too many connections from one remote address: refused at CONNECT (MQTT), closed before the TLS handshake (HTTPS).</summary>
    public static readonly Outcome TooManyConnections = new("too-many-connections", OutcomeKind.Throttle, null, null, QuotaExceeded, "more connections from one address than allowed");

    /// <summary>An MQTT packet announced above the packet limit: the connection is closed before its body is read.</summary>
    public static readonly Outcome PacketTooLarge = new("packet-too-large", OutcomeKind.Attack, null, null, null, "an MQTT packet announced above the packet bound; connection closed (see Limits)");

    /// <summary>An MQTT connection ended without a valid CONNECT, or sent a packet type MQTT 5 forbids.</summary>
    public static readonly Outcome MalformedMqtt = new("malformed-mqtt", OutcomeKind.Attack, null, null, null, "no valid CONNECT, or a packet MQTT 5 forbids; connection closed (see Malformed MQTT)");

    /// <summary>Every outcome, in the order docs/gateway.md lists them.</summary>
    public static readonly IReadOnlyList<Outcome> All =
    [
        Stored, Duplicate, Malformed, NestingTooDeep, InvalidContent, UnsupportedVersion, UnsupportedAlgorithm, InvalidEphemeralKey, Oversized,
        TopicInvalid, TopicDenied, TopicMismatch, DecryptionFailed, BadSignature, UnknownKeyId, BindingMismatch, WrongRecipient, UnknownDevice,
        SessionConflict, SessionExpired, UntrustedChain, CertificateExpired, CertificateNotYetValid, DeviceRevoked, Replay, RateLimited, HeldOff,
        StoreUnavailable, NoCertificate, NotEnrolled, UnsupportedMediaType, ClientIdMismatch, TooManyConnections, PacketTooLarge, MalformedMqtt,
    ];

    private static readonly FrozenDictionary<string, Outcome> ByCode = All.ToFrozenDictionary(o => o.Code, StringComparer.Ordinal);

    /// <summary>The outcome of a code, or null if the code is not one of the catalogue's.</summary>
    public static Outcome? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var outcome) ? outcome : null;
}

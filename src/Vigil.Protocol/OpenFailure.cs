namespace Vigil.Protocol;

/// <summary>
/// Why a sealed batch did not open. Each value has a stable code (<see cref="OpenFailureCodes"/>, from <see cref="Outcomes"/>)
/// that reaches security events, logs and error responses; never renumber or rename.
/// </summary>
public enum OpenFailure
{
    /// <summary>Larger than the envelope or item limit.</summary>
    Oversized = 1,

    /// <summary>Not well-formed CBOR, or not the COSE structure the protocol specifies.</summary>
    Malformed,

    /// <summary>Arrays or maps nested deeper than the limit.</summary>
    NestingTooDeep,

    /// <summary>A protocol version this platform does not speak.</summary>
    UnsupportedVersion,

    /// <summary>A COSE algorithm other than A256GCM (envelope) or ES256 (signature).</summary>
    UnsupportedAlgorithm,

    /// <summary>Encrypted to a key that is not one of this platform's ingest keys.</summary>
    WrongRecipient,

    /// <summary>The envelope names a device the platform does not know.</summary>
    UnknownDevice,

    /// <summary>The ephemeral key is not a valid P-256 point.</summary>
    InvalidEphemeralKey,

    /// <summary>A known session id arrived with a different ephemeral key.</summary>
    SessionConflict,

    /// <summary>AES-GCM authentication failed: altered in transit, wrong key, or wrong header.</summary>
    DecryptionFailed,

    /// <summary>The signature's kid names no enrolled device certificate.</summary>
    UnknownKeyId,

    /// <summary>The device certificate does not chain to a trusted maker CA, or is not a device certificate.</summary>
    UntrustedChain,

    /// <summary>The device certificate has expired.</summary>
    CertificateExpired,

    /// <summary>The device certificate is not valid yet.</summary>
    CertificateNotYetValid,

    /// <summary>The ECDSA signature does not verify with the device certificate's key.</summary>
    BadSignature,

    /// <summary>Envelope, signature and batch disagree on device, sequence number or time: cut and paste.</summary>
    BindingMismatch,

    /// <summary>The batch decodes but breaks the schema (unknown kind, wrong unit, too many readings...).</summary>
    InvalidContent,

    /// <summary>The batch falls outside its session's lifetime or batch budget.</summary>
    SessionExpired,
}

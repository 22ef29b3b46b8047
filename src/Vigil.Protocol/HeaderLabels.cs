namespace Vigil.Protocol;

/// <summary>
/// COSE header labels used by the protocol. Standard labels come from the IANA COSE Header
/// Parameters registry (RFC 9052); Vigil's own use the private-use range (below -65536).
/// </summary>
public static class HeaderLabels
{
    /// <summary>alg (RFC 9052).</summary>
    public const int Algorithm = 1;

    /// <summary>kid (RFC 9052): the recipient key in the envelope, the device certificate in the signature.</summary>
    public const int KeyId = 4;

    /// <summary>Partial IV (RFC 9052 §3.1): the sequence number, 8 bytes big-endian.</summary>
    public const int PartialIv = 6;

    /// <summary>Protocol version (uint).</summary>
    public const int Version = -65537;

    /// <summary>Device id (tstr).</summary>
    public const int DeviceId = -65538;

    /// <summary>Session id (bstr, 16 bytes), in the envelope's and the signature's protected header.</summary>
    public const int SessionId = -65539;

    /// <summary>Session start, Unix seconds (uint), in the envelope's and the signature's protected header.</summary>
    public const int SessionStart = -65540;

    /// <summary>The session's ephemeral ECDH public key (COSE_Key, EC2 P-256).</summary>
    public const int EphemeralKey = -65541;

    /// <summary>Sequence number (uint) in the signature's protected header.</summary>
    public const int Sequence = -65542;

    /// <summary>Batch creation time, Unix milliseconds (uint), in the signature's protected header.</summary>
    public const int Created = -65543;

    /// <summary>COSE algorithm A256GCM.</summary>
    public const int AlgA256Gcm = 3;

    /// <summary>COSE algorithm ES256.</summary>
    public const int AlgEs256 = -7;

    /// <summary>CBOR tag of COSE_Encrypt0.</summary>
    public const ulong TagEncrypt0 = 16;

    /// <summary>CBOR tag of COSE_Sign1.</summary>
    public const ulong TagSign1 = 18;

    /// <summary>
    /// The protocol version this library speaks, carried in the envelope. Version 2 added the
    /// session id and start to the device's signature (docs/protocol.md §4).
    /// </summary>
    public const int CurrentVersion = 2;

    /// <summary>The version of the batch payload's format (docs/protocol.md §3.1), unchanged since protocol version 1.</summary>
    public const int PayloadVersion = 1;
}

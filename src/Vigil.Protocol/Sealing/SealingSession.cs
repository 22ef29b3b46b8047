using System.Security.Cryptography;
using Vigil.Domain.Devices;
using Vigil.Protocol.Envelopes;
using Vigil.Protocol.Sessions;

namespace Vigil.Protocol.Sealing;

/// <summary>
/// The device side of one session: a fresh ephemeral P-256 key agreed once with the platform's
/// ingest key, then AES-256-GCM for every batch. The ephemeral private key is discarded as soon
/// as the secrets are derived, and session state is never persisted, so a device that restarts
/// always begins a new session (which is what keeps nonces unique if its counter were ever
/// restored from an older state).
/// </summary>
public sealed class SealingSession
{
    private readonly SessionSecrets _secrets;
    private readonly byte[] _ephemeralPoint;
    private readonly byte[] _recipientKeyId;
    private long _batchesSealed;

    private SealingSession(DeviceId device, byte[] sessionId, DateTimeOffset start, byte[] ephemeralPoint, byte[] recipientKeyId, SessionSecrets secrets)
    {
        DeviceId = device;
        SessionId = sessionId;
        Start = start;
        _ephemeralPoint = ephemeralPoint;
        _recipientKeyId = recipientKeyId;
        _secrets = secrets;
    }

    /// <summary>The device the session belongs to.</summary>
    public DeviceId DeviceId { get; }

    /// <summary>The random 16-byte session id.</summary>
    public byte[] SessionId { get; }

    /// <summary>When the session began (whole seconds).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>How many batches this session has sealed.</summary>
    public long BatchesSealed => Interlocked.Read(ref _batchesSealed);

    /// <summary>Starts a new session with a fresh ephemeral key and a random session id.</summary>
    public static SealingSession Begin(DeviceId device, RecipientKey recipient, DateTimeOffset now)
    {
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        return Create(device, recipient, RandomNumberGenerator.GetBytes(EnvelopeHeader.SessionIdLength), now, ephemeral);
    }

    /// <summary>Creates a session from given parts; only test vectors should choose them.</summary>
    public static SealingSession Create(DeviceId device, RecipientKey recipient, byte[] sessionId, DateTimeOffset now, ECDiffieHellman ephemeral)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(ephemeral);
        if (sessionId.Length != EnvelopeHeader.SessionIdLength)
        {
            throw new ArgumentException("A session id is 16 bytes.", nameof(sessionId));
        }

        var start = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var point = UncompressedPoint(ephemeral.ExportParameters(includePrivateParameters: false));
        using var platform = ECDiffieHellman.Create(recipient.PublicKey);
        var shared = ephemeral.DeriveRawSecretAgreement(platform.PublicKey);
        var secrets = SessionKeyDerivation.Derive(shared, device, sessionId, start.ToUnixTimeSeconds(), point, recipient.KeyId);
        CryptographicOperations.ZeroMemory(shared);
        return new SealingSession(device, sessionId, start, point, recipient.KeyId, secrets);
    }

    /// <summary>Encrypts a signed batch (COSE_Sign1 bytes) as the envelope for a sequence number.</summary>
    public byte[] Encrypt(ReadOnlySpan<byte> signedBatch, ulong sequence)
    {
        var header = new EnvelopeHeader(DeviceId, SessionId, Start.ToUnixTimeSeconds(), sequence, _recipientKeyId, _ephemeralPoint);
        var protectedHeader = EnvelopeCodec.EncodeProtectedHeader(header);
        var aad = EnvelopeCodec.Aad(protectedHeader);
        Span<byte> nonce = stackalloc byte[SessionSecrets.NonceLength];
        _secrets.Nonce(sequence, nonce);
        var output = new byte[signedBatch.Length + EnvelopeCodec.TagLength];
        using (var gcm = new AesGcm(_secrets.Key, EnvelopeCodec.TagLength))
        {
            gcm.Encrypt(nonce, signedBatch, output.AsSpan(0, signedBatch.Length), output.AsSpan(signedBatch.Length), aad);
        }

        Interlocked.Increment(ref _batchesSealed);
        return EnvelopeCodec.Encode(protectedHeader, output);
    }

    internal static byte[] UncompressedPoint(ECParameters key)
    {
        var point = new byte[EnvelopeHeader.PointLength];
        point[0] = 0x04;
        key.Q.X!.CopyTo(point, 1);
        key.Q.Y!.CopyTo(point, 33);
        return point;
    }
}

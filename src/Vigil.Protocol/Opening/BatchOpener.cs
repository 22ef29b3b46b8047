using System.Collections.Concurrent;
using System.Security.Cryptography;
using Vigil.Identity.Certificates;
using Vigil.Protocol.Batches;
using Vigil.Protocol.Cbor;
using Vigil.Protocol.Envelopes;
using Vigil.Protocol.Sessions;

namespace Vigil.Protocol.Opening;

/// <summary>
/// Open: the platform side of the protocol. Checks run cheapest first, so that junk costs a
/// parse and only a plausible envelope for an enrolled device costs an ECDH (once per session)
/// and an AES-GCM decryption; only an authentic envelope costs a signature verification.
/// Never throws on untrusted input: every outcome is an <see cref="OpenResult"/>.
/// </summary>
public sealed class BatchOpener
{
    private static readonly TimeSpan TrustRecheck = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, PlatformRecipient> _recipients;
    private readonly IDeviceDirectory _directory;
    private readonly MakerTrust _trust;
    private readonly TimeProvider _time;
    private readonly ProtocolLimits _limits;
    private readonly SessionCache _sessions;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _trustedUntil = new();

    /// <summary>Creates an opener.</summary>
    public BatchOpener(
        IEnumerable<PlatformRecipient> recipients,
        IDeviceDirectory directory,
        MakerTrust trust,
        TimeProvider time,
        ProtocolLimits? limits = null,
        SessionCache? sessions = null)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        _recipients = recipients.ToDictionary(r => Convert.ToHexStringLower(r.KeyId));
        _directory = directory;
        _trust = trust;
        _time = time;
        _limits = limits ?? ProtocolLimits.Default;
        _sessions = sessions ?? new SessionCache();
    }

    /// <summary>The session cache in use.</summary>
    public SessionCache Sessions => _sessions;

    /// <summary>
    /// Opens a sealed batch completely (docs/protocol.md §9, steps 1 to 17, then 19): authenticates
    /// it and checks its session. What a caller without a record of stored batches uses.
    /// </summary>
    public OpenResult Open(ReadOnlyMemory<byte> envelope)
    {
        var opened = Authenticate(envelope);
        return opened.IsSuccess ? CheckSession(opened.Batch) : opened;
    }

    /// <summary>
    /// Authenticates a sealed batch and decodes it (docs/protocol.md §9, steps 1 to 17): structure,
    /// recipient, device, session key, decryption, the device's signature and certificate, the
    /// payload and its bindings. The session rules (<see cref="CheckSession"/>) are left to the
    /// caller, so that one who holds the stored batches can first recognise signed content it has
    /// already stored, in whatever envelope it arrives.
    /// </summary>
    public OpenResult Authenticate(ReadOnlyMemory<byte> envelope)
    {
        var parsed = EnvelopeCodec.TryDecode(envelope, _limits);
        if (!parsed.IsSuccess)
        {
            return OpenResult.Fail(parsed.Failure, parsed.Detail!);
        }

        var (header, protectedHeader, ciphertext) = parsed.Value;
        var device = header.DeviceId;
        if (!_recipients.TryGetValue(Convert.ToHexStringLower(header.RecipientKeyId), out var recipient))
        {
            return OpenResult.Fail(OpenFailure.WrongRecipient, "not encrypted to an ingest key of this platform", device);
        }

        if (!_directory.IsKnown(device))
        {
            return OpenResult.Fail(OpenFailure.UnknownDevice, "device is not enrolled", device);
        }

        var cached = _sessions.Find(device, header.SessionId);
        SessionSecrets secrets;
        if (cached is not null)
        {
            if (!CryptographicOperations.FixedTimeEquals(cached.EphemeralPoint, header.EphemeralPoint))
            {
                return OpenResult.Fail(OpenFailure.SessionConflict, "known session id with a different ephemeral key", device);
            }

            secrets = cached.Secrets;
        }
        else if (DeriveSecrets(header, recipient) is { } derived)
        {
            secrets = derived;
        }
        else
        {
            return OpenResult.Fail(OpenFailure.InvalidEphemeralKey, "ephemeral key is not a P-256 point", device);
        }

        var signed = Decrypt(secrets, header.Sequence, protectedHeader, ciphertext);
        if (signed is null)
        {
            return OpenResult.Fail(OpenFailure.DecryptionFailed, "AES-GCM authentication failed", device);
        }

        var result = VerifySigned(header, signed);
        return result.IsSuccess && cached is null ? OpenResult.Ok(result.Batch with { DerivedSecrets = secrets }) : result;
    }

    /// <summary>
    /// The session rules of an authenticated batch (docs/protocol.md §6.4, §9 step 19): the
    /// envelope names the session the device signed (else the device's signed batch was re-sealed
    /// by someone else: <c>binding-mismatch</c>), the batch was created within the session's
    /// lifetime and the session's span of sequence numbers stays within its budget
    /// (<c>session-expired</c>).
    /// </summary>
    public OpenResult CheckSession(OpenedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var device = batch.Content.DeviceId;
        if (!batch.SealedInSignedSession)
        {
            return OpenResult.Fail(OpenFailure.BindingMismatch, "the envelope's session is not the session the device signed", device);
        }

        var sessionStart = DateTimeOffset.FromUnixTimeSeconds(batch.Signature.SessionStart);
        if (batch.Content.Created < sessionStart - _limits.SessionClockTolerance
            || batch.Content.Created > sessionStart + _limits.MaxSessionAge + _limits.SessionClockTolerance)
        {
            return OpenResult.Fail(OpenFailure.SessionExpired, "batch created outside its session's lifetime", device);
        }

        // A session is cached only once a batch of it passes these rules, never on a re-sealed
        // copy of stored content: such a copy must not bind a session id to a stranger's key and
        // so have the genuine device's next batches refused as a session conflict.
        var session = _sessions.Find(device, batch.Header.SessionId);
        if (session is null && batch.DerivedSecrets is { } secrets)
        {
            session = _sessions.Add(device, batch.Header.SessionId, batch.Header.EphemeralPoint, secrets);
        }

        if (session is not null && !CryptographicOperations.FixedTimeEquals(session.EphemeralPoint, batch.Header.EphemeralPoint))
        {
            return OpenResult.Fail(OpenFailure.SessionConflict, "known session id with a different ephemeral key", device);
        }

        return session is null || session.TryUse(batch.Content.Sequence, _limits.MaxBatchesPerSession)
            ? OpenResult.Ok(batch)
            : OpenResult.Fail(OpenFailure.SessionExpired, "session exceeded its batch budget", device);
    }

    private static SessionSecrets? DeriveSecrets(EnvelopeHeader header, PlatformRecipient recipient)
    {
        var point = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = header.EphemeralPoint[1..33], Y = header.EphemeralPoint[33..] },
        };
        byte[] shared;
        try
        {
            shared = recipient.DeriveRawSecret(point);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var secrets = SessionKeyDerivation.Derive(shared, header.DeviceId, header.SessionId, header.SessionStart, header.EphemeralPoint, header.RecipientKeyId);
        CryptographicOperations.ZeroMemory(shared);
        return secrets;
    }

    private static byte[]? Decrypt(SessionSecrets secrets, ulong sequence, byte[] protectedHeader, byte[] ciphertext)
    {
        Span<byte> nonce = stackalloc byte[SessionSecrets.NonceLength];
        secrets.Nonce(sequence, nonce);
        var plainLength = ciphertext.Length - EnvelopeCodec.TagLength;
        var plain = new byte[plainLength];
        try
        {
            using var gcm = new AesGcm(secrets.Key, EnvelopeCodec.TagLength);
            gcm.Decrypt(nonce, ciphertext.AsSpan(0, plainLength), ciphertext.AsSpan(plainLength), plain, EnvelopeCodec.Aad(protectedHeader));
            return plain;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private OpenResult VerifySigned(EnvelopeHeader header, byte[] signed)
    {
        var device = header.DeviceId;
        if (CborGuard.Check(signed, _limits) is { } guardFailure)
        {
            return OpenResult.Fail(guardFailure, "signed batch failed the CBOR guard", device);
        }

        var parsed = SignedBatchHeaders.TryRead(signed);
        if (!parsed.IsSuccess)
        {
            return OpenResult.Fail(parsed.Failure, parsed.Detail!, device);
        }

        var (message, signature) = parsed.Value;
        var credential = _directory.FindByKeyId(Convert.ToHexStringLower(signature.KeyId));
        if (credential is null)
        {
            return OpenResult.Fail(OpenFailure.UnknownKeyId, "signature kid names no enrolled certificate", device);
        }

        if (credential.Id != device || signature.DeviceId != device || signature.Sequence != header.Sequence)
        {
            return OpenResult.Fail(OpenFailure.BindingMismatch, "envelope and signature name different devices or sequence numbers", device);
        }

        if (CheckTrust(credential) is { } trustFailure)
        {
            return OpenResult.Fail(trustFailure, $"device certificate: {trustFailure.ToCode()}", device);
        }

        if (!message.VerifyEmbedded(credential.PublicKey))
        {
            return OpenResult.Fail(OpenFailure.BadSignature, "ES256 signature does not verify", device);
        }

        var content = BatchDecoder.TryDecode(message.Content!.Value, _limits);
        if (!content.IsSuccess)
        {
            return OpenResult.Fail(content.Failure, content.Detail!, device);
        }

        var batch = content.Value;
        if (batch.DeviceId != device || batch.Sequence != header.Sequence || batch.Created.ToUnixTimeMilliseconds() != signature.CreatedMs)
        {
            return OpenResult.Fail(OpenFailure.BindingMismatch, "batch payload disagrees with its headers", device);
        }

        return OpenResult.Ok(new OpenedBatch(header, batch, signed, credential, signature.Signature));
    }

    private OpenFailure? CheckTrust(DeviceCredential credential)
    {
        var now = _time.GetUtcNow();
        if (_trustedUntil.TryGetValue(credential.KeyIdHex, out var until) && now < until
            && now <= credential.Certificate.NotAfter.ToUniversalTime())
        {
            return null;
        }

        switch (_trust.Check(credential.Certificate, now))
        {
            case ChainStatus.Trusted:
                _trustedUntil[credential.KeyIdHex] = now + TrustRecheck;
                return null;
            case ChainStatus.Expired:
                return OpenFailure.CertificateExpired;
            case ChainStatus.NotYetValid:
                return OpenFailure.CertificateNotYetValid;
            default:
                return OpenFailure.UntrustedChain;
        }
    }
}

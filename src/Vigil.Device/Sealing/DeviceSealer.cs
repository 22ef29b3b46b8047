using Vigil.Device.SecureElements;
using Vigil.Domain.Readings;
using Vigil.Protocol.Sealing;

namespace Vigil.Device.Sealing;

/// <summary>
/// The device SDK's sealing client: numbers each batch from the secure element's counter,
/// stamps it with the device clock and firmware digest, signs it in the element and encrypts it
/// to the platform, starting a new session whenever the policy says so. Its time never runs
/// back: a batch is never dated before the one sealed before it, nor before the floor the device
/// kept from its last run, since the platform cannot tell a clock that ran back across sessions
/// from a second holder of the key (docs/protocol.md §7).
/// </summary>
public sealed class DeviceSealer
{
    private readonly ISecureElement _element;
    private readonly RecipientKey _recipient;
    private readonly TimeProvider _time;
    private readonly SessionPolicy _policy;
    private readonly byte[] _firmwareDigest;
    private readonly Lock _gate = new();
    private SealingSession? _session;
    private DateTimeOffset _floor;

    /// <summary>Creates a sealer for one device; <paramref name="notBefore"/> is the time of the last batch it sealed in an earlier run, if the device kept it.</summary>
    public DeviceSealer(ISecureElement element, RecipientKey recipient, byte[] firmwareDigest, TimeProvider time, SessionPolicy? policy = null, DateTimeOffset? notBefore = null)
    {
        ArgumentNullException.ThrowIfNull(firmwareDigest);
        if (firmwareDigest.Length != BatchContent.FirmwareDigestLength)
        {
            throw new ArgumentException("The firmware digest must be SHA-256 (32 bytes).", nameof(firmwareDigest));
        }

        _element = element;
        _recipient = recipient;
        _firmwareDigest = firmwareDigest;
        _time = time;
        _policy = policy ?? SessionPolicy.Default;
        _floor = notBefore ?? DateTimeOffset.MinValue;
    }

    /// <summary>The current session, if one has started.</summary>
    public SealingSession? Session => _session;

    /// <summary>Seals readings as the next batch.</summary>
    public SealedBatch Seal(IReadOnlyList<Reading> readings)
    {
        lock (_gate)
        {
            var clock = _time.GetUtcNow();
            var now = clock > _floor ? clock : _floor;
            var created = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
            if (_session is null || now - _session.Start >= _policy.MaxAge || _session.BatchesSealed >= _policy.MaxBatches)
            {
                _session = SealingSession.Begin(_element.DeviceId, _recipient, now);
            }

            var sequence = _element.NextSequence();
            var batch = new BatchContent(_element.DeviceId, sequence, created, _firmwareDigest, readings);
            var signed = BatchSigner.Sign(batch, _element.SigningKey, _element.KeyId, _session);
            _floor = created;
            return new SealedBatch(sequence, created, _session.Encrypt(signed, sequence), signed);
        }
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Identity.Keys;

namespace Vigil.Record.Ledger;

/// <summary>
/// Issues signed checkpoints over the ledger with the platform signing key: a C2SP
/// tlog-checkpoint in a signed note, named by <see cref="OriginOf"/>, whenever the tree has grown
/// since the last one, with the <c>timestamp</c> extension line of the time of signing.
/// </summary>
public sealed class CheckpointSigner : IDisposable
{
    private readonly ILedger _ledger;
    private readonly KeyStoreEcdsa _key;
    private readonly TimeProvider _time;
    private long _lastSize = -1;

    /// <summary>Binds the signer to the ledger and the signing key of the certificate.</summary>
    public CheckpointSigner(ILedger ledger, IKeyStore keys, X509Certificate2 signingCertificate, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(signingCertificate);
        _ledger = ledger;
        _key = new KeyStoreEcdsa(keys, PlatformKeyNames.Signing);
        _time = time;
        Origin = OriginOf(signingCertificate);
    }

    /// <summary>The log's origin line, also the note key name.</summary>
    public string Origin { get; }

    /// <summary>
    /// The origin of a deployment's ledger: <c>vigil.ledger/</c> and the note key ID of its signing
    /// key, so that two deployments' checkpoints can never be taken for one another.
    /// </summary>
    public static string OriginOf(X509Certificate2 signingCertificate)
    {
        ArgumentNullException.ThrowIfNull(signingCertificate);
        using var key = signingCertificate.GetECDsaPublicKey() ?? throw new ArgumentException("The signing certificate has no EC key.", nameof(signingCertificate));
        return $"vigil.ledger/{SignedNote.KeyId(key):x8}";
    }

    /// <summary>Signs and stores a checkpoint if the ledger grew; returns it, or null.</summary>
    public StoredCheckpoint? SignIfGrown()
    {
        var (size, root) = _ledger.Head();
        if (size == _lastSize || (_lastSize < 0 && _ledger.Checkpoints() is { Count: > 0 } existing && existing[^1].Size == size))
        {
            _lastSize = size;
            return null;
        }

        var now = _time.GetUtcNow();
        var note = SignedNote.Sign(new Checkpoint(Origin, size, root, now.ToUnixTimeSeconds()).Body, Origin, _key);
        var checkpoint = new StoredCheckpoint(size, note, now);
        _ledger.AddCheckpoint(checkpoint);
        _lastSize = size;
        return checkpoint;
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    /// <summary>The public key checkpoints verify with.</summary>
    public ECDsa PublicKey() => ECDsa.Create(_key.ExportParameters(false));
}

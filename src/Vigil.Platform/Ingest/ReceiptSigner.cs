using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Identity.Certificates;
using Vigil.Identity.Keys;
using Vigil.Protocol.Receipts;

namespace Vigil.Platform.Ingest;

/// <summary>Signs receipts with the platform signing key held in the key store.</summary>
public sealed class ReceiptSigner : IDisposable
{
    private readonly KeyStoreEcdsa _key;
    private readonly byte[] _keyId;

    /// <summary>Binds the signing key to its certificate.</summary>
    public ReceiptSigner(IKeyStore store, X509Certificate2 signingCertificate)
    {
        _key = new KeyStoreEcdsa(store, PlatformKeyNames.Signing);
        _keyId = CertificateKeyId.Of(signingCertificate);
    }

    /// <summary>A signed receipt.</summary>
    public byte[] Sign(Receipt receipt) => ReceiptCodec.Sign(receipt, _key, _keyId);

    /// <summary>The public key receipts verify with.</summary>
    public ECDsa PublicKey() => ECDsa.Create(_key.ExportParameters(false));

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Identity.Certificates;
using Vigil.Identity.Keys;

namespace Vigil.Protocol.Opening;

/// <summary>
/// One platform ingest key as the opener uses it: its kid (from its certificate) and ECDH
/// performed by the key store. A platform may hold several during a key rotation.
/// </summary>
public sealed class PlatformRecipient
{
    private readonly IKeyStore _store;
    private readonly string _keyName;

    /// <summary>Binds a key-store key to its certificate.</summary>
    public PlatformRecipient(IKeyStore store, string keyName, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _keyName = keyName;
        KeyId = CertificateKeyId.Of(certificate);
    }

    /// <summary>The kid devices put in the envelope header.</summary>
    public byte[] KeyId { get; }

    /// <summary>ECDH with a device's ephemeral key.</summary>
    public byte[] DeriveRawSecret(ECParameters ephemeral) => _store.DeriveRawSecret(_keyName, ephemeral);
}

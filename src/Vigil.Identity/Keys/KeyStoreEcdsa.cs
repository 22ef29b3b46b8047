using System.Security.Cryptography;

namespace Vigil.Identity.Keys;

/// <summary>
/// An <see cref="ECDsa"/> whose private operation happens inside an <see cref="IKeyStore"/>,
/// so that certificate builders and COSE signers can use a stored key without seeing it.
/// </summary>
public sealed class KeyStoreEcdsa : ECDsa
{
    private readonly IKeyStore _store;
    private readonly string _name;
    private readonly ECParameters _publicKey;

    /// <summary>Wraps the named key of the store.</summary>
    public KeyStoreEcdsa(IKeyStore store, string name)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _name = name;
        _publicKey = store.GetPublicKey(name);
        KeySizeValue = 256;
        LegalKeySizesValue = [new KeySizes(256, 256, 0)];
    }

    /// <inheritdoc />
    public override byte[] SignHash(byte[] hash) => _store.SignHash(_name, hash);

    /// <inheritdoc />
    public override bool VerifyHash(byte[] hash, byte[] signature)
    {
        using var verifier = Create(_publicKey);
        return verifier.VerifyHash(hash, signature);
    }

    /// <inheritdoc />
    public override ECParameters ExportParameters(bool includePrivateParameters) =>
        includePrivateParameters
            ? throw new CryptographicException("The private key stays in the key store.")
            : _publicKey;

    /// <inheritdoc />
    public override ECParameters ExportExplicitParameters(bool includePrivateParameters) =>
        throw new CryptographicException("Explicit curve parameters are not exported.");

    /// <inheritdoc />
    public override void ImportParameters(ECParameters parameters) =>
        throw new CryptographicException("A key-store key cannot be replaced.");

    /// <inheritdoc />
    public override void GenerateKey(ECCurve curve) =>
        throw new CryptographicException("Create keys through the key store.");
}

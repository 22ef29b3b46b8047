using System.Security.Cryptography;

namespace Vigil.Identity.Keys;

/// <summary>
/// Holds the platform's private keys and performs the operations that need them, so that no
/// caller ever handles private key material or learns where it is kept. Implementations: a
/// protected file store (the default) and, later, PKCS#11 for hardware security modules.
/// All keys are NIST P-256.
/// </summary>
public interface IKeyStore
{
    /// <summary>A short description of the store for logs and <c>vigil</c> output (no secrets, no paths).</summary>
    string Description { get; }

    /// <summary>Whether a key of that name exists.</summary>
    bool Contains(string name);

    /// <summary>Generates a new P-256 key under that name; fails if one exists.</summary>
    void CreateKey(string name);

    /// <summary>The public half of a key.</summary>
    ECParameters GetPublicKey(string name);

    /// <summary>Signs a SHA-256 digest with ECDSA; the signature is IEEE P1363 (r || s, 64 bytes).</summary>
    byte[] SignHash(string name, ReadOnlySpan<byte> hash);

    /// <summary>ECDH with a peer public key: the raw shared secret (the x coordinate, 32 bytes).</summary>
    /// <exception cref="CryptographicException">The peer key is not a valid P-256 point.</exception>
    byte[] DeriveRawSecret(string name, ECParameters peerPublicKey);
}

using System.Security.Cryptography;

namespace Vigil.Identity.Keys;

/// <summary>
/// Holds the platform's private and secret keys and performs the operations that need them, so
/// that no caller ever handles key material or learns where it is kept. Implementations: a
/// protected file store (the default) and PKCS#11 for hardware security modules. Asymmetric keys
/// are NIST P-256; key-encryption keys are AES-256. Disposing a store releases what it holds (key
/// material read into memory, a token session); whoever opens a store disposes it.
/// </summary>
public interface IKeyStore : IDisposable
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

    /// <summary>Generates a new AES-256 key-encryption key under that name; fails if one exists.</summary>
    void CreateWrappingKey(string name);

    /// <summary>
    /// Encrypts a data key under a key-encryption key (<see cref="KeyWrapFormat"/>: AES-256-GCM
    /// with a random nonce, bound to the wrapping key's name).
    /// </summary>
    byte[] WrapKey(string name, ReadOnlySpan<byte> dataKey);

    /// <summary>Decrypts a data key that <see cref="WrapKey"/> wrapped under the same key.</summary>
    /// <exception cref="CryptographicException">It was wrapped under another key, or altered.</exception>
    /// <exception cref="KeyNotFoundException">There is no key of that name (it was retired).</exception>
    byte[] UnwrapKey(string name, ReadOnlySpan<byte> wrapped);

    /// <summary>Destroys a key; false if there was none. Whatever only it protected becomes unreadable.</summary>
    bool DeleteKey(string name);
}

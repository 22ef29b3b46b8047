using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Identity.Keys;

/// <summary>
/// A P-256 private key kept as a PEM file beside its certificate, outside the key store: the TLS
/// server key, the development maker CA's key, device and relay keys. Without a passphrase it is
/// PKCS#8 (<c>PRIVATE KEY</c>), protected by its mode (0600) only. With one it is encrypted PKCS#8
/// (<c>ENCRYPTED PRIVATE KEY</c>, RFC 5958 / RFC 8018 PBES2): PBKDF2-HMAC-SHA-256 with
/// <see cref="Pbkdf2Iterations"/> iterations and a random 16-byte salt, AES-256-CBC; the same as
/// the file key store's EC keys, so <c>openssl pkey</c> with the passphrase opens either.
/// </summary>
internal static class PrivateKeyFile
{
    /// <summary>PBKDF2 iterations of every passphrase-encrypted key file (OWASP's figure for PBKDF2-HMAC-SHA-256).</summary>
    public const int Pbkdf2Iterations = 210_000;

    private const string EncryptedLabel = "-----BEGIN ENCRYPTED PRIVATE KEY-----";

    /// <summary>The encryption of a key file under a passphrase.</summary>
    public static PbeParameters Encryption { get; } = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, Pbkdf2Iterations);

    /// <summary>The PEM text of a key: encrypted PKCS#8 under the passphrase, or PKCS#8 without one.</summary>
    public static string Pem(AsymmetricAlgorithm key, string? passphrase)
    {
        ArgumentNullException.ThrowIfNull(key);
        return string.IsNullOrEmpty(passphrase) ? key.ExportPkcs8PrivateKeyPem() : key.ExportEncryptedPkcs8PrivateKeyPem(passphrase, Encryption);
    }

    /// <summary>Writes a new key file (mode 0600); fails if it exists.</summary>
    public static void Write(string path, AsymmetricAlgorithm key, string? passphrase) => KeyFile.WriteNew(path, Pem(key, passphrase));

    /// <summary>Whether PEM text holds an encrypted key.</summary>
    public static bool IsEncrypted(string pem) => pem?.Contains(EncryptedLabel, StringComparison.Ordinal) == true;

    /// <summary>
    /// A certificate with its private key from the key file. An encrypted file needs the
    /// passphrase; one in clear opens without it.
    /// </summary>
    /// <exception cref="KeyUnavailableException">The file is encrypted and no passphrase is given, or it does not open with the one given.</exception>
    /// <exception cref="CryptographicException">The key is not the certificate's.</exception>
    public static X509Certificate2 LoadWithCertificate(string certificatePath, string keyPath, string? passphrase)
    {
        var pem = File.ReadAllText(keyPath);
        if (!IsEncrypted(pem))
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }

        using var key = Open(pem, keyPath, passphrase);
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(certificatePath);
        return certificate.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// Rewrites a key file in clear as encrypted under the passphrase (the same key; a new file
    /// put in its place); false if it was encrypted already.
    /// </summary>
    public static bool Encrypt(string path, string passphrase)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        var pem = File.ReadAllText(path);
        if (IsEncrypted(pem))
        {
            return false;
        }

        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        var next = path + ".encrypting";
        File.Delete(next);
        KeyFile.WriteNew(next, Pem(key, passphrase));
        File.Move(next, path, overwrite: true);
        return true;
    }

    // Wrong passphrase and none at all are key errors, said as such: never a damaged or altered file.
    private static ECDsa Open(string pem, string path, string? passphrase)
    {
        if (string.IsNullOrEmpty(passphrase))
        {
            throw new KeyUnavailableException($"The key file {path} is encrypted, and {FileKeyStore.PassphraseVariable} is not set: set it to the data folder's passphrase.");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromEncryptedPem(pem, passphrase);
            return key;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new KeyUnavailableException(
                $"The key file {path} does not open with the passphrase given: wrong passphrase ({FileKeyStore.PassphraseVariable}), or the file was written under another one.", e);
        }
    }
}

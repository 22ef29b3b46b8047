using System.Security.Cryptography;

namespace Vigil.Identity.Keys;

/// <summary>
/// An AES-256 key in a PEM-armoured file of the file key store. Without a passphrase the body is
/// the key itself (label <c>VIGIL AES-256 KEY</c>), protected by file permissions only. With one,
/// the label is <c>VIGIL ENCRYPTED AES-256 KEY</c> and the body is a 16-byte salt, a 12-byte
/// nonce, the AES-256-GCM ciphertext of the key and its tag, under a key derived from the
/// passphrase with PBKDF2-SHA-256 (the same iteration count as the store's encrypted PKCS#8).
/// </summary>
internal static class AesKeyFile
{
    private const string PlainLabel = "VIGIL AES-256 KEY";
    private const string EncryptedLabel = "VIGIL ENCRYPTED AES-256 KEY";
    private const int KeyBytes = 32;
    private const int SaltBytes = 16;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    /// <summary>Whether the PEM text holds an AES key (rather than an EC key).</summary>
    public static bool IsAesKey(string pem) => pem.Contains(PlainLabel, StringComparison.Ordinal);

    /// <summary>The PEM text of a key.</summary>
    public static string Encode(ReadOnlySpan<byte> key, string? passphrase, int iterations)
    {
        if (passphrase is null)
        {
            return new string(PemEncoding.Write(PlainLabel, key));
        }

        var body = new byte[SaltBytes + NonceBytes + KeyBytes + TagBytes];
        var salt = body.AsSpan(0, SaltBytes);
        var nonce = body.AsSpan(SaltBytes, NonceBytes);
        RandomNumberGenerator.Fill(salt);
        RandomNumberGenerator.Fill(nonce);
        var kek = Rfc2898DeriveBytes.Pbkdf2(passphrase, salt, iterations, HashAlgorithmName.SHA256, KeyBytes);
        using (var gcm = new AesGcm(kek, TagBytes))
        {
            gcm.Encrypt(nonce, key, body.AsSpan(SaltBytes + NonceBytes, KeyBytes), body.AsSpan(SaltBytes + NonceBytes + KeyBytes, TagBytes));
        }

        CryptographicOperations.ZeroMemory(kek);
        return new string(PemEncoding.Write(EncryptedLabel, body));
    }

    /// <summary>The key in PEM text.</summary>
    /// <exception cref="CryptographicException">Wrong passphrase, or the file was altered.</exception>
    public static byte[] Decode(string pem, string? passphrase, int iterations)
    {
        var fields = PemEncoding.Find(pem);
        var label = pem[fields.Label];
        var body = Convert.FromBase64String(pem[fields.Base64Data]);
        if (label == PlainLabel && body.Length == KeyBytes)
        {
            return body;
        }

        if (label != EncryptedLabel || body.Length != SaltBytes + NonceBytes + KeyBytes + TagBytes)
        {
            throw new CryptographicException("The key file does not hold an AES-256 key.");
        }

        if (passphrase is null)
        {
            throw new CryptographicException("The key file is encrypted; set VIGIL_KEY_PASSPHRASE.");
        }

        var kek = Rfc2898DeriveBytes.Pbkdf2(passphrase, body.AsSpan(0, SaltBytes), iterations, HashAlgorithmName.SHA256, KeyBytes);
        var key = new byte[KeyBytes];
        using (var gcm = new AesGcm(kek, TagBytes))
        {
            gcm.Decrypt(body.AsSpan(SaltBytes, NonceBytes), body.AsSpan(SaltBytes + NonceBytes, KeyBytes), body.AsSpan(SaltBytes + NonceBytes + KeyBytes), key);
        }

        CryptographicOperations.ZeroMemory(kek);
        return key;
    }
}

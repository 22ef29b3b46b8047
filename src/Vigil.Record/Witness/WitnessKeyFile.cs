using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using Vigil.Identity.Keys;

namespace Vigil.Record.Witness;

/// <summary>
/// A witness's Ed25519 key in its state folder, <c>witness.key</c> (owner-only): the first line
/// is the cosigner name; the second the 32-byte private seed in base64, or, when a passphrase is
/// given, <c>enc:</c> and base64(salt[16] || nonce[12] || AES-256-GCM(seed) || tag[16]) with the
/// key derived by PBKDF2-SHA256 (600,000 iterations).
/// </summary>
public static class WitnessKeyFile
{
    /// <summary>The file's name in the state folder.</summary>
    public const string FileName = "witness.key";

    private const int Iterations = 600_000;

    /// <summary>Loads the key of the state folder, or makes one named <paramref name="name"/> if there is none; says whether it was made.</summary>
    public static (Key Key, CosignerKey Public, bool Created) LoadOrCreate(string stateDirectory, string? name, string? passphrase)
    {
        var path = Path.Combine(stateDirectory, FileName);
        if (File.Exists(path))
        {
            var (loaded, cosigner) = Load(path, passphrase);
            return (loaded, cosigner, false);
        }

        var creation = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        var key = new Key(SignatureAlgorithm.Ed25519, creation);
        var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var chosen = name ?? $"vigil.witness/{Convert.ToHexStringLower(SHA256.HashData(publicKey).AsSpan(0, 4))}";
        var seed = key.Export(KeyBlobFormat.RawPrivateKey);
        DurableFile.Write(path, Encoding.UTF8.GetBytes($"{chosen}\n{Protect(seed, passphrase)}\n"));
        CryptographicOperations.ZeroMemory(seed);
        return (key, new CosignerKey(chosen, publicKey), true);
    }

    /// <summary>Loads a key file.</summary>
    /// <exception cref="KeyUnavailableException">It is encrypted and the passphrase is missing or wrong.</exception>
    /// <exception cref="CryptographicException">It is not a witness key file, or it is damaged.</exception>
    public static (Key Key, CosignerKey Public) Load(string path, string? passphrase)
    {
        var lines = File.ReadAllText(path).Split('\n');
        if (lines.Length < 2 || !CosignerKey.IsKeyName(lines[0]))
        {
            throw new CryptographicException($"{path} is not a witness key file.");
        }

        var seed = Unprotect(path, lines[1], passphrase);
        var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        CryptographicOperations.ZeroMemory(seed);
        return (key, new CosignerKey(lines[0], key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
    }

    private static string Protect(byte[] seed, string? passphrase)
    {
        if (string.IsNullOrEmpty(passphrase))
        {
            return Convert.ToBase64String(seed);
        }

        var blob = new byte[16 + 12 + seed.Length + 16];
        RandomNumberGenerator.Fill(blob.AsSpan(0, 28));
        var kek = Rfc2898DeriveBytes.Pbkdf2(passphrase, blob.AsSpan(0, 16), Iterations, HashAlgorithmName.SHA256, 32);
        using var aes = new AesGcm(kek, 16);
        aes.Encrypt(blob.AsSpan(16, 12), seed, blob.AsSpan(28, seed.Length), blob.AsSpan(28 + seed.Length));
        return "enc:" + Convert.ToBase64String(blob);
    }

    private static byte[] Unprotect(string path, string line, string? passphrase)
    {
        try
        {
            if (!line.StartsWith("enc:", StringComparison.Ordinal))
            {
                return Convert.FromBase64String(line);
            }

            if (string.IsNullOrEmpty(passphrase))
            {
                throw new KeyUnavailableException($"The witness key file {path} is encrypted, and {FileKeyStore.PassphraseVariable} is not set: set it to its passphrase.");
            }

            var blob = Convert.FromBase64String(line[4..]);
            var seed = new byte[blob.Length - 44];
            var kek = Rfc2898DeriveBytes.Pbkdf2(passphrase, blob.AsSpan(0, 16), Iterations, HashAlgorithmName.SHA256, 32);
            using var aes = new AesGcm(kek, 16);
            aes.Decrypt(blob.AsSpan(16, 12), blob.AsSpan(28, seed.Length), blob.AsSpan(28 + seed.Length), seed);
            return seed;
        }
        catch (AuthenticationTagMismatchException e)
        {
            // The tag cannot tell a wrong passphrase from a damaged file; a wrong passphrase is by far the likelier.
            throw new KeyUnavailableException(
                $"The witness key file {path} does not open with the passphrase given: wrong passphrase ({FileKeyStore.PassphraseVariable}), or the file was damaged.", e);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new CryptographicException($"The witness key file {path} is damaged.", e);
        }
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Vigil.Identity.Keys;

/// <summary>
/// The default key store: one PKCS#8 PEM file per key in a folder readable only by its owner
/// (folder 0700, files 0600). With a passphrase, keys are stored as encrypted PKCS#8
/// (PBKDF2-SHA-256, AES-256-CBC); without one, file permissions are the only protection,
/// which suits development only.
/// </summary>
public sealed class FileKeyStore : IKeyStore
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;
    private const int Pbkdf2Iterations = 210_000;

    private readonly string _folder;
    private readonly string? _passphrase;
    private readonly ConcurrentDictionary<string, ECDsa> _signers = new();
    private readonly ConcurrentDictionary<string, ECDiffieHellman> _agreers = new();

    /// <summary>Opens (and creates if needed) a key store in a folder.</summary>
    /// <param name="folder">The folder holding the key files.</param>
    /// <param name="passphrase">Encrypts the key files when not null or empty.</param>
    public FileKeyStore(string folder, string? passphrase = null)
    {
        _folder = folder;
        _passphrase = string.IsNullOrEmpty(passphrase) ? null : passphrase;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, OwnerOnlyFolder);
            }
        }
    }

    /// <inheritdoc />
    public string Description => _passphrase is null ? "file (unencrypted, owner-only permissions)" : "file (encrypted PKCS#8)";

    /// <inheritdoc />
    public bool Contains(string name) => File.Exists(PathOf(name));

    /// <inheritdoc />
    public void CreateKey(string name)
    {
        var path = PathOf(name);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = _passphrase is null
            ? key.ExportPkcs8PrivateKeyPem()
            : key.ExportEncryptedPkcs8PrivateKeyPem(
                _passphrase,
                new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, Pbkdf2Iterations));
        KeyFile.WriteNew(path, pem);
    }

    /// <inheritdoc />
    public ECParameters GetPublicKey(string name) => Signer(name).ExportParameters(includePrivateParameters: false);

    /// <inheritdoc />
    public byte[] SignHash(string name, ReadOnlySpan<byte> hash) => Signer(name).SignHash(hash);

    /// <inheritdoc />
    public byte[] DeriveRawSecret(string name, ECParameters peerPublicKey)
    {
        using var peer = ECDiffieHellman.Create(peerPublicKey);
        return Agreer(name).DeriveRawSecretAgreement(peer.PublicKey);
    }

    private ECDsa Signer(string name) => _signers.GetOrAdd(name, n =>
    {
        var key = ECDsa.Create();
        Import(key, n);
        return key;
    });

    private ECDiffieHellman Agreer(string name) => _agreers.GetOrAdd(name, n =>
    {
        var key = ECDiffieHellman.Create();
        Import(key, n);
        return key;
    });

    private void Import(AsymmetricAlgorithm key, string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            throw new KeyNotFoundException($"The key store has no key named '{name}'.");
        }

        var pem = File.ReadAllText(path);
        if (_passphrase is null)
        {
            key.ImportFromPem(pem);
        }
        else
        {
            key.ImportFromEncryptedPem(pem, _passphrase);
        }
    }

    private string PathOf(string name)
    {
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"'{name}' is not a valid key name.", nameof(name));
        }

        return Path.Combine(_folder, name + ".key");
    }
}

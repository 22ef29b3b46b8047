using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Vigil.Identity.Keys;

/// <summary>
/// The default key store: one PEM file per key in a folder readable only by its owner (folder
/// 0700, files 0600). EC keys are PKCS#8; with a passphrase, encrypted PKCS#8 (PBKDF2-SHA-256,
/// AES-256-CBC). AES key-encryption keys are <see cref="AesKeyFile"/>s, encrypted under the same
/// passphrase. Without a passphrase, file permissions are the only protection, which suits
/// development only. Keys are read once and kept in memory until the store is disposed, which
/// zeroes the key-encryption keys and releases the EC keys.
/// </summary>
public sealed class FileKeyStore : IKeyStore
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;
    private const int Pbkdf2Iterations = PrivateKeyFile.Pbkdf2Iterations;

    private readonly string _folder;
    private readonly string? _passphrase;
    private readonly ConcurrentDictionary<string, ECDsa> _signers = new();
    private readonly ConcurrentDictionary<string, ECDiffieHellman> _agreers = new();
    private readonly ConcurrentDictionary<string, byte[]> _wrappingKeys = new();
    private bool _checked;
    private readonly Lock _gate = new();
    private volatile bool _disposed;

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
    public string Description => Encrypted() switch
    {
        true when _passphrase is null => $"file (encrypted PKCS#8; {PassphraseVariable} is needed to open it)",
        true => "file (encrypted PKCS#8)",
        false => "file (unencrypted, owner-only permissions)",
        null => _passphrase is null ? "file (unencrypted, owner-only permissions)" : "file (encrypted PKCS#8)",
    };

    /// <summary>The environment variable the CLI and the server read the passphrase from.</summary>
    public const string PassphraseVariable = "VIGIL_KEY_PASSPHRASE";

    /// <inheritdoc />
    public bool Contains(string name) => File.Exists(PathOf(name));

    /// <inheritdoc />
    public void CreateKey(string name)
    {
        var path = PathOf(name);
        EnsureOpens();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        PrivateKeyFile.Write(path, key, _passphrase);
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

    /// <inheritdoc />
    public void CreateWrappingKey(string name)
    {
        EnsureOpens();
        var key = RandomNumberGenerator.GetBytes(32);
        KeyFile.WriteNew(PathOf(name), AesKeyFile.Encode(key, _passphrase, Pbkdf2Iterations));
        CryptographicOperations.ZeroMemory(key);
    }

    /// <inheritdoc />
    public byte[] WrapKey(string name, ReadOnlySpan<byte> dataKey) => KeyWrapFormat.Wrap(WrappingKey(name), name, dataKey);

    /// <inheritdoc />
    public byte[] UnwrapKey(string name, ReadOnlySpan<byte> wrapped) => KeyWrapFormat.Unwrap(WrappingKey(name), name, wrapped);

    /// <inheritdoc />
    public bool DeleteKey(string name)
    {
        var path = PathOf(name);
        _signers.TryRemove(name, out _);
        _agreers.TryRemove(name, out _);
        if (_wrappingKeys.TryRemove(name, out var key))
        {
            CryptographicOperations.ZeroMemory(key);
        }

        if (!File.Exists(path))
        {
            return false;
        }

        // Overwrite before unlinking, so the key does not linger in the file's old blocks on simple file systems.
        var length = new FileInfo(path).Length;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.Write(new byte[length]);
            stream.Flush(flushToDisk: true);
        }

        File.Delete(path);
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        foreach (var name in _wrappingKeys.Keys)
        {
            if (_wrappingKeys.TryRemove(name, out var key))
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }

        foreach (var key in _signers.Values.Concat<AsymmetricAlgorithm>(_agreers.Values))
        {
            key.Dispose();
        }

        _signers.Clear();
        _agreers.Clear();
    }

    private byte[] WrappingKey(string name) => Cached(_wrappingKeys, name, n =>
    {
        var path = PathOf(n);
        if (!File.Exists(path))
        {
            throw new KeyNotFoundException($"The key store has no key named '{n}'.");
        }

        return Opening(n, () => AesKeyFile.Decode(File.ReadAllText(path), _passphrase, Pbkdf2Iterations));
    });

    private ECDsa Signer(string name) => Cached(_signers, name, n =>
    {
        var key = ECDsa.Create();
        Import(key, n);
        return key;
    });

    private ECDiffieHellman Agreer(string name) => Cached(_agreers, name, n =>
    {
        var key = ECDiffieHellman.Create();
        Import(key, n);
        return key;
    });

    private T Cached<T>(ConcurrentDictionary<string, T> cache, string name, Func<string, T> open)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        // Opened and added under the gate Dispose takes, so that no key is added after the store
        // released its keys (it would never be zeroed or disposed).
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return cache.GetOrAdd(name, open);
        }
    }

    private void Import(AsymmetricAlgorithm key, string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            throw new KeyNotFoundException($"The key store has no key named '{name}'.");
        }

        var pem = File.ReadAllText(path);
        Opening(name, () =>
        {
            if (_passphrase is null)
            {
                key.ImportFromPem(pem);
            }
            else
            {
                key.ImportFromEncryptedPem(pem, _passphrase);
            }

            return true;
        });
    }

    // A key file that does not open under the passphrase given (or without one) is a key error,
    // said as such: never an integrity failure of the record.
    private T Opening<T>(string name, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new KeyUnavailableException(
                _passphrase is null
                    ? $"The key file {name}.key does not open: it is encrypted, and {PassphraseVariable} is not set."
                    : $"The key file {name}.key does not open with the passphrase given: wrong passphrase ({PassphraseVariable}), or the file was written under another one.",
                e);
        }
    }

    /// <summary>
    /// Confirms that the passphrase given opens the store's keys, or that none is given for a store
    /// whose keys are in clear; nothing to confirm in a store without keys.
    /// </summary>
    /// <exception cref="KeyUnavailableException">The passphrase is wrong, missing, or given for keys in clear.</exception>
    public void EnsurePassphraseOpens() => EnsureOpens();

    // Before a key is added, the passphrase must open the keys already there: a wrong passphrase
    // must not leave a key that only it opens.
    private void EnsureOpens()
    {
        if (_checked)
        {
            return;
        }

        var existing = Directory.EnumerateFiles(_folder, "*.key").Order(StringComparer.Ordinal).FirstOrDefault();
        if (existing is not null)
        {
            var name = Path.GetFileNameWithoutExtension(existing);
            var pem = File.ReadAllText(existing);
            var encrypted = IsEncrypted(pem);
            if (encrypted != (_passphrase is not null))
            {
                throw new KeyUnavailableException(encrypted
                    ? $"The key files in {_folder} are encrypted and {PassphraseVariable} is not set: set it to their passphrase."
                    : $"The key files in {_folder} are not encrypted, but {PassphraseVariable} is set: unset it, or a key would be added that the others do not match.");
            }

            if (AesKeyFile.IsAesKey(pem) || pem.Contains("VIGIL ENCRYPTED AES-256 KEY", StringComparison.Ordinal))
            {
                CryptographicOperations.ZeroMemory(WrappingKey(name));
                _wrappingKeys.TryRemove(name, out _);
            }
            else
            {
                _ = Signer(name);
            }
        }

        _checked = true;
    }

    // Whether the store's key files are encrypted; null when it holds none.
    private bool? Encrypted()
    {
        var existing = Directory.Exists(_folder) ? Directory.EnumerateFiles(_folder, "*.key").Order(StringComparer.Ordinal).FirstOrDefault() : null;
        return existing is null ? null : IsEncrypted(File.ReadAllText(existing));
    }

    private static bool IsEncrypted(string pem) =>
        pem.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal) || pem.Contains("VIGIL ENCRYPTED AES-256 KEY", StringComparison.Ordinal);

    private string PathOf(string name)
    {
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"'{name}' is not a valid key name.", nameof(name));
        }

        return Path.Combine(_folder, name + ".key");
    }
}

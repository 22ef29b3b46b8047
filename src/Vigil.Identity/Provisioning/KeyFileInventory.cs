using Vigil.Identity.Keys;

namespace Vigil.Identity.Provisioning;

/// <summary>
/// Every key file of a data folder and how it is protected, read from the files alone: no key is
/// opened, so it needs neither the passphrase nor the token (<c>vigil keys status</c>).
/// </summary>
public static class KeyFileInventory
{
    /// <summary>How a key file in clear is protected.</summary>
    public const string InClear = "not encrypted: its mode (0600) only";

    /// <summary>The platform keys (or the token holding them), the other private key files, then the session keys.</summary>
    public static IReadOnlyList<KeyFileEntry> Of(PkiFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var entries = new List<KeyFileEntry>();
        if (Pkcs11Settings.Read(folder.Pkcs11SettingsPath) is { } token)
        {
            entries.Add(new(Relative(folder, folder.Pkcs11SettingsPath), "where the platform keys are", true, $"on the PKCS#11 token '{token.Token}', not extractable"));
        }

        var keys = Path.GetDirectoryName(folder.Pkcs11SettingsPath)!;
        if (Directory.Exists(keys))
        {
            foreach (var file in Directory.EnumerateFiles(keys, "*.key").Order(StringComparer.Ordinal))
            {
                entries.Add(Pem(folder, file, PlatformKey(Path.GetFileNameWithoutExtension(file))));
            }
        }

        foreach (var file in folder.PrivateKeyFiles())
        {
            entries.Add(Pem(folder, file, KeyOf(folder, file)));
        }

        if (Directory.Exists(folder.SessionKeysFolder))
        {
            foreach (var file in Directory.EnumerateFiles(folder.SessionKeysFolder, "*.xml").Order(StringComparer.Ordinal))
            {
                entries.Add(SessionKey(folder, file));
            }
        }

        return entries;
    }

    private static KeyFileEntry Pem(PkiFolder folder, string path, string holds)
    {
        var text = File.ReadAllText(path);
        var (encrypted, protection) = text switch
        {
            _ when PrivateKeyFile.IsEncrypted(text) => (true, $"encrypted PKCS#8 (PBKDF2-HMAC-SHA-256, {PrivateKeyFile.Pbkdf2Iterations:N0} iterations; AES-256-CBC)"),
            _ when text.Contains("-----BEGIN VIGIL ENCRYPTED AES-256 KEY-----", StringComparison.Ordinal) =>
                (true, $"encrypted (PBKDF2-HMAC-SHA-256, {PrivateKeyFile.Pbkdf2Iterations:N0} iterations; AES-256-GCM)"),
            _ when text.Contains("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal) || text.Contains("-----BEGIN VIGIL AES-256 KEY-----", StringComparison.Ordinal) =>
                (false, InClear),
            _ => ((bool?)null, "not a key file Vigil knows"),
        };
        return new(Relative(folder, path), holds, encrypted, protection);
    }

    // Data Protection writes a key's secret as <masterKey> in clear, or inside <encryptedSecret> once an encryptor is set.
    private static KeyFileEntry SessionKey(PkiFolder folder, string path)
    {
        var text = File.ReadAllText(path);
        var (encrypted, protection) = text switch
        {
            _ when text.Contains("<masterKey", StringComparison.Ordinal) => (false, InClear),
            _ when text.Contains("<encryptedSecret", StringComparison.Ordinal) => (true, $"encrypted (AES-256-GCM under the key store's {PlatformKeyNames.Sessions})"),
            _ => ((bool?)null, "not a key file Vigil knows"),
        };
        return new(Relative(folder, path), "console session key", encrypted, protection);
    }

    private static string PlatformKey(string name) => name switch
    {
        PlatformKeyNames.PlatformCa => "platform CA key",
        PlatformKeyNames.Ingest => "ingest key",
        PlatformKeyNames.Signing => "signing key",
        PlatformKeyNames.Sessions => "key-encryption key of the session keys",
        _ when name.StartsWith("kek-", StringComparison.Ordinal) => "key-encryption key of the record's data keys",
        _ => "platform key",
    };

    private static string KeyOf(PkiFolder folder, string path) => path switch
    {
        _ when path == folder.TlsKeyPath => "TLS server key",
        _ when path == folder.MakerKeyPath => "development maker CA key",
        _ when Path.GetFileName(path) == DeviceCredentials.KeyFileName => $"key of device {Path.GetFileName(Path.GetDirectoryName(path))}",
        _ => $"key of relay {Path.GetFileName(Path.GetDirectoryName(path))}",
    };

    private static string Relative(PkiFolder folder, string path) => Path.GetRelativePath(folder.Root, path).Replace('\\', '/');
}

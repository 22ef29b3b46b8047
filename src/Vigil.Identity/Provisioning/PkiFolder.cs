using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Keys;

namespace Vigil.Identity.Provisioning;

/// <summary>
/// The development PKI of a Vigil data folder: its keys, certificates, trusted makers and the
/// credentials it issued.
/// <list type="bullet">
/// <item><c>keys/</c>: the platform key store (never read except through <see cref="IKeyStore"/>),
/// and <c>keys/sessions/</c>, the console's session keys;</item>
/// <item><c>pki/</c>: platform CA, ingest and signing certificates (public), and the TLS certificate with its key;</item>
/// <item><c>maker/</c>: the development maker CA certificate and key, standing in for a device maker;</item>
/// <item><c>trust/makers/</c>: maker CA certificates the platform trusts;</item>
/// <item><c>devices/&lt;id&gt;/</c> and <c>relays/&lt;id&gt;/</c>: credentials of minted development devices and of relays.</item>
/// </list>
/// With a passphrase, every private key file is encrypted under it (<see cref="PrivateKeyFile"/>,
/// <see cref="FileKeyStore"/>); the session keys are encrypted under the key store's
/// <see cref="PlatformKeyNames.Sessions"/> key. The deployment's own files (the record, the lock,
/// the operator token) are <see cref="DataFolder"/>'s.
/// </summary>
// Not sealed: a data folder is this PKI with the deployment's files beside it, at the same root.
public class PkiFolder
{
    private static readonly TimeSpan CaValidity = TimeSpan.FromDays(3650);
    private static readonly TimeSpan KeyValidity = TimeSpan.FromDays(825);

    /// <summary>Points at a data folder, which need not exist yet.</summary>
    public PkiFolder(string root) => Root = Path.GetFullPath(root);

    /// <summary>The folder's absolute path.</summary>
    public string Root { get; }

    /// <summary>Whether <see cref="Initialize"/> has completed here.</summary>
    public bool IsInitialized => File.Exists(PkiPath("signing.crt")) && File.Exists(MakerCertificatePath) && File.Exists(PkiPath("tls.crt"));

    /// <summary>The platform CA certificate.</summary>
    public X509Certificate2 PlatformCaCertificate => X509CertificateLoader.LoadCertificateFromFile(PkiPath("platform-ca.crt"));

    /// <summary>The ingest certificate devices encrypt to.</summary>
    public X509Certificate2 IngestCertificate => X509CertificateLoader.LoadCertificateFromFile(PkiPath("ingest.crt"));

    /// <summary>The certificate of the receipt and checkpoint signing key.</summary>
    public X509Certificate2 SigningCertificate => X509CertificateLoader.LoadCertificateFromFile(PkiPath("signing.crt"));

    /// <summary>The development maker CA certificate (PEM).</summary>
    public string MakerCertificatePath => Path.Combine(Root, "maker", "dev-maker-ca.crt");

    /// <summary>The TLS server certificate (PEM).</summary>
    public string TlsCertificatePath => PkiPath("tls.crt");

    /// <summary>The TLS server key (PKCS#8 PEM, encrypted under the passphrase if one was given; mode 0600).</summary>
    public string TlsKeyPath => PkiPath("tls.key");

    /// <summary>The development maker CA's key (PKCS#8 PEM, encrypted under the passphrase if one was given; mode 0600).</summary>
    public string MakerKeyPath => Path.Combine(Root, "maker", "dev-maker-ca.key");

    /// <summary>The folder of the console's session keys (ASP.NET Core Data Protection's key ring, mode 0700).</summary>
    public string SessionKeysFolder => Path.Combine(Root, "keys", "sessions");

    private string TrustedMakersFolder => Path.Combine(Root, "trust", "makers");

    private string DevicesFolder => Path.Combine(Root, "devices");

    /// <summary>Where the folder names the PKCS#11 token holding its platform keys, if it uses one.</summary>
    public string Pkcs11SettingsPath => Path.Combine(Root, "keys", "pkcs11.json");

    /// <summary>The private key files outside the key store: the TLS key, the maker CA's key, device and relay keys.</summary>
    public IEnumerable<string> PrivateKeyFiles()
    {
        var singles = new[] { TlsKeyPath, MakerKeyPath }.Where(File.Exists);
        var devices = Directory.Exists(DevicesFolder)
            ? Directory.EnumerateDirectories(DevicesFolder).Select(d => Path.Combine(d, DeviceCredentials.KeyFileName)).Where(File.Exists)
            : [];
        var relays = Path.Combine(Root, "relays") is var folder && Directory.Exists(folder)
            ? Directory.EnumerateDirectories(folder).Select(d => Path.Combine(d, RelayCredentials.KeyFileName)).Where(File.Exists)
            : [];
        return singles.Concat(devices.Order(StringComparer.Ordinal)).Concat(relays.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Opens the platform key store of this folder: the PKCS#11 token named in
    /// <see cref="Pkcs11SettingsPath"/> (user PIN from <c>VIGIL_PKCS11_PIN</c>), else the protected key files.
    /// </summary>
    /// <exception cref="InvalidOperationException">The folder uses a token and the PIN is not set, or the token cannot be opened.</exception>
    public IKeyStore OpenKeyStore(string? passphrase)
    {
        if (Pkcs11Settings.Read(Pkcs11SettingsPath) is { } hsm)
        {
            var pin = Environment.GetEnvironmentVariable(Pkcs11Settings.PinVariable);
            return string.IsNullOrEmpty(pin)
                ? throw new InvalidOperationException($"The platform keys of {Root} are on the PKCS#11 token '{hsm.Token}'; set {Pkcs11Settings.PinVariable} to its user PIN.")
                : new Pkcs11KeyStore(hsm, pin);
        }

        return new FileKeyStore(Path.Combine(Root, "keys"), passphrase);
    }

    /// <summary>
    /// Makes the folder keep its platform keys on a PKCS#11 token. Only before any platform key
    /// exists: keys are never moved between stores.
    /// </summary>
    /// <exception cref="InvalidOperationException">The folder already has platform keys.</exception>
    public void UsePkcs11(Pkcs11Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (File.Exists(PkiPath("platform-ca.crt")))
        {
            throw new InvalidOperationException($"{Root} already has platform keys; a key store is chosen before the first 'vigil init'.");
        }

        settings.Write(Pkcs11SettingsPath);
    }

    /// <summary>
    /// Creates what is missing: platform keys and certificates and a development maker CA that
    /// the platform trusts. Existing keys are never replaced.
    /// </summary>
    /// <returns>The names of the items created, empty when everything existed.</returns>
    public virtual IReadOnlyList<string> Initialize(TimeProvider time, string? passphrase, string platformName = "Vigil Development")
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var created = new List<string>();
        CreateOwnerOnly(Root);
        Directory.CreateDirectory(PkiPath(string.Empty));
        using var store = OpenKeyStore(passphrase);
        foreach (var name in new[] { PlatformKeyNames.PlatformCa, PlatformKeyNames.Ingest, PlatformKeyNames.Signing })
        {
            if (!store.Contains(name))
            {
                store.CreateKey(name);
                created.Add($"key {name}");
            }
        }

        if (!store.Contains(PlatformKeyNames.Sessions))
        {
            store.CreateWrappingKey(PlatformKeyNames.Sessions);
            created.Add($"key {PlatformKeyNames.Sessions}");
        }

        if (!File.Exists(PkiPath("platform-ca.crt")))
        {
            using var ca = PlatformPki.CreateCa(store, platformName, now, CaValidity);
            File.WriteAllText(PkiPath("platform-ca.crt"), ca.ExportCertificatePem());
            created.Add("platform CA certificate");
        }

        using var platformCa = PlatformCaCertificate;
        foreach (var name in new[] { PlatformKeyNames.Ingest, PlatformKeyNames.Signing })
        {
            if (!File.Exists(PkiPath(name + ".crt")))
            {
                using var cert = PlatformPki.CreateKeyCertificate(store, platformCa, name, platformName, now, KeyValidity);
                File.WriteAllText(PkiPath(name + ".crt"), cert.ExportCertificatePem());
                created.Add($"{name} certificate");
            }
        }

        if (!File.Exists(PkiPath("tls.crt")))
        {
            using var tls = PlatformPki.CreateTlsServerCertificate(store, platformCa, platformName, now, KeyValidity);
            using var tlsKey = tls.GetECDsaPrivateKey()!;
            if (File.Exists(PkiPath("tls.key")))
            {
                File.Delete(PkiPath("tls.key"));
            }

            PrivateKeyFile.Write(PkiPath("tls.key"), tlsKey, passphrase);
            File.WriteAllText(PkiPath("tls.crt"), tls.ExportCertificatePem());
            created.Add("TLS server certificate (localhost, 127.0.0.1)");
        }

        if (!File.Exists(MakerCertificatePath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(MakerCertificatePath)!);
            using var maker = MakerAuthority.Create("Vigil Dev Maker", now, CaValidity).Certificate;
            using var makerKey = maker.GetECDsaPrivateKey()!;
            PrivateKeyFile.Write(MakerKeyPath, makerKey, passphrase);
            File.WriteAllText(MakerCertificatePath, maker.ExportCertificatePem());
            Directory.CreateDirectory(TrustedMakersFolder);
            File.Copy(MakerCertificatePath, Path.Combine(TrustedMakersFolder, "dev-maker-ca.crt"), overwrite: true);
            created.Add("development maker CA (trusted)");
        }

        // A passphrase that does not open the folder's keys is refused even when nothing was created:
        // 'vigil init' says so at once rather than a later command.
        if (store is FileKeyStore files)
        {
            files.EnsurePassphraseOpens();
        }

        if (EncryptKeyFilesInClear(store, passphrase) is > 0 and var encrypted)
        {
            created.Add($"encryption of {encrypted} key file(s) written in clear before");
        }

        return created;
    }

    // A folder whose key files outside the store were written in clear (by a Vigil from before they
    // were encrypted) has them encrypted, once the passphrase is shown to open its platform keys:
    // never under a passphrase that the rest of the folder does not share.
    private int EncryptKeyFilesInClear(IKeyStore store, string? passphrase)
    {
        if (string.IsNullOrEmpty(passphrase) || store is not FileKeyStore files)
        {
            return 0;
        }

        var clear = PrivateKeyFiles().Where(f => !PrivateKeyFile.IsEncrypted(File.ReadAllText(f))).ToList();
        if (clear.Count > 0)
        {
            files.EnsurePassphraseOpens();
            foreach (var file in clear)
            {
                PrivateKeyFile.Encrypt(file, passphrase);
            }
        }

        return clear.Count;
    }

    /// <summary>
    /// The TLS server certificate with its key, for the MQTT broker and HTTPS. The TLS key is a
    /// transport key kept beside its certificate (mode 0600, encrypted under the passphrase if
    /// one was given), not in the platform key store: TLS needs the key in process, and the
    /// protocol's security does not rest on it.
    /// </summary>
    /// <exception cref="KeyUnavailableException">The key is encrypted and the passphrase is missing or wrong.</exception>
    public X509Certificate2 LoadTlsCertificate(string? passphrase) => PrivateKeyFile.LoadWithCertificate(PkiPath("tls.crt"), TlsKeyPath, passphrase);

    /// <summary>The development maker CA, able to issue device certificates.</summary>
    /// <exception cref="KeyUnavailableException">The key is encrypted and the passphrase is missing or wrong.</exception>
    public MakerAuthority LoadDevelopmentMaker(string? passphrase) =>
        new(PrivateKeyFile.LoadWithCertificate(MakerCertificatePath, MakerKeyPath, passphrase));

    /// <summary>The maker CAs this platform trusts.</summary>
    public MakerTrust LoadMakerTrust()
    {
        var roots = Directory.Exists(TrustedMakersFolder)
            ? Directory.EnumerateFiles(TrustedMakersFolder, "*.crt").Select(X509CertificateLoader.LoadCertificateFromFile).ToList()
            : [];
        return new MakerTrust(roots);
    }

    /// <summary>The folder of a minted development device's credentials.</summary>
    public string DeviceFolder(DeviceId id) => Path.Combine(DevicesFolder, id.Value);

    /// <summary>The folder of a relay's credentials.</summary>
    public string RelayFolder(string relayId) => Path.Combine(Root, "relays", relayId);

    /// <summary>The ids of the development devices minted into this folder.</summary>
    public IEnumerable<DeviceId> MintedDevices() =>
        Directory.Exists(DevicesFolder)
            ? Directory.EnumerateDirectories(DevicesFolder)
                .Select(d => DeviceId.TryParse(Path.GetFileName(d), out var id) ? id : (DeviceId?)null)
                .OfType<DeviceId>()
                .OrderBy(id => id.Value, StringComparer.Ordinal)
            : [];

    private string PkiPath(string file) => Path.Combine(Root, "pki", file);

    // The data folder is its owner's alone (0700): it holds the record, keys and tokens.
    private static void CreateOwnerOnly(string folder)
    {
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        Directory.CreateDirectory(folder, OwnerOnly);
        if ((File.GetUnixFileMode(folder) & ~OwnerOnly) != 0)
        {
            File.SetUnixFileMode(folder, OwnerOnly);
        }
    }
}

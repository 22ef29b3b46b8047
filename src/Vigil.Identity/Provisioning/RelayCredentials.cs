using System.Security.Cryptography.X509Certificates;
using Vigil.Identity.Certificates;
using Vigil.Identity.Keys;

namespace Vigil.Identity.Provisioning;

/// <summary>
/// A relay's client certificate and key as files (<c>relay.crt</c>, <c>relay.key</c> with mode 0600,
/// encrypted under the passphrase if one is given: <see cref="PrivateKeyFile"/>) in its folder.
/// </summary>
public static class RelayCredentials
{
    /// <summary>The key file's name in a relay's folder.</summary>
    public const string KeyFileName = "relay.key";

    private const string CertificateFile = "relay.crt";

    /// <summary>Issues a relay certificate from the platform CA into a new folder and returns it with its key.</summary>
    public static X509Certificate2 Issue(string folder, IKeyStore platformKeys, X509Certificate2 platformCa, string relayId, DateTimeOffset now, string? passphrase)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new IOException($"Relay credentials already exist for '{relayId}'.");
        }

        var certificate = PlatformPki.CreateRelayCertificate(platformKeys, platformCa, relayId, now, TimeSpan.FromDays(825));
        Directory.CreateDirectory(folder);
        using (var key = certificate.GetECDsaPrivateKey()!)
        {
            PrivateKeyFile.Write(Path.Combine(folder, KeyFileName), key, passphrase);
        }

        File.WriteAllText(Path.Combine(folder, CertificateFile), certificate.ExportCertificatePem());
        return certificate;
    }

    /// <summary>Loads a relay's certificate with its key.</summary>
    /// <exception cref="KeyUnavailableException">The key is encrypted and the passphrase is missing or wrong.</exception>
    public static X509Certificate2 Load(string folder, string? passphrase) =>
        PrivateKeyFile.LoadWithCertificate(Path.Combine(folder, CertificateFile), Path.Combine(folder, KeyFileName), passphrase);
}

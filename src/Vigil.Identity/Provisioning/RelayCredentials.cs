using System.Security.Cryptography.X509Certificates;
using Vigil.Identity.Certificates;
using Vigil.Identity.Keys;

namespace Vigil.Identity.Provisioning;

/// <summary>A relay's client certificate and key as files (<c>relay.crt</c>, <c>relay.key</c> with mode 0600) in its folder.</summary>
public static class RelayCredentials
{
    private const string CertificateFile = "relay.crt";
    private const string KeyFile = "relay.key";

    /// <summary>Issues a relay certificate from the platform CA into a new folder and returns it with its key.</summary>
    public static X509Certificate2 Issue(string folder, IKeyStore platformKeys, X509Certificate2 platformCa, string relayId, DateTimeOffset now)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new IOException($"Relay credentials already exist for '{relayId}'.");
        }

        var certificate = PlatformPki.CreateRelayCertificate(platformKeys, platformCa, relayId, now, TimeSpan.FromDays(825));
        Directory.CreateDirectory(folder);
        using (var key = certificate.GetECDsaPrivateKey()!)
        {
            Keys.KeyFile.WriteNew(Path.Combine(folder, KeyFile), key.ExportPkcs8PrivateKeyPem());
        }

        File.WriteAllText(Path.Combine(folder, CertificateFile), certificate.ExportCertificatePem());
        return certificate;
    }

    /// <summary>Loads a relay's certificate with its key.</summary>
    public static X509Certificate2 Load(string folder) =>
        X509Certificate2.CreateFromPemFile(Path.Combine(folder, CertificateFile), Path.Combine(folder, KeyFile));
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Keys;

namespace Vigil.Identity.Provisioning;

/// <summary>
/// A device's certificate and private key as files (<c>device.crt</c>, <c>device.key</c> with
/// mode 0600, encrypted under the passphrase if one is given: <see cref="PrivateKeyFile"/>): what a
/// secure element would hold, for simulated and development devices.
/// </summary>
public static class DeviceCredentials
{
    /// <summary>The key file's name in a device's folder.</summary>
    public const string KeyFileName = "device.key";

    private const string CertificateFile = "device.crt";

    /// <summary>Writes a device's certificate and key into a new folder.</summary>
    public static void Save(string folder, X509Certificate2 deviceWithKey, string? passphrase)
    {
        ArgumentNullException.ThrowIfNull(deviceWithKey);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new IOException($"Device credentials already exist for '{Path.GetFileName(folder)}'.");
        }

        Directory.CreateDirectory(folder);
        using var key = deviceWithKey.GetECDsaPrivateKey()
            ?? throw new ArgumentException("The certificate has no EC private key.", nameof(deviceWithKey));
        PrivateKeyFile.Write(Path.Combine(folder, KeyFileName), key, passphrase);
        File.WriteAllText(Path.Combine(folder, CertificateFile), deviceWithKey.ExportCertificatePem());
    }

    /// <summary>Loads a device's certificate with its private key.</summary>
    /// <exception cref="KeyUnavailableException">The key is encrypted and the passphrase is missing or wrong.</exception>
    public static X509Certificate2 Load(string folder, string? passphrase) =>
        PrivateKeyFile.LoadWithCertificate(Path.Combine(folder, CertificateFile), Path.Combine(folder, KeyFileName), passphrase);

    /// <summary>Loads only the public certificate.</summary>
    public static X509Certificate2 LoadCertificate(string folder) =>
        X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder, CertificateFile));

    /// <summary>The device id a certificate names in its common name, if valid.</summary>
    public static DeviceId? DeviceIdOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        try
        {
            var cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            return DeviceId.TryParse(cn, out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            // A subject that does not decode names no device.
            return null;
        }
    }

    /// <summary>The attributes of a certificate, or an error for one without them.</summary>
    public static DeviceAttributes AttributesOf(X509Certificate2 certificate) =>
        DeviceAttributes.FromCertificate(certificate)
        ?? throw new InvalidDataException("The certificate carries no Vigil device attributes.");
}

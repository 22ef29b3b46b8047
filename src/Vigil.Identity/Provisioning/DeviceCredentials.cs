using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;

namespace Vigil.Identity.Provisioning;

/// <summary>
/// A device's certificate and private key as files (<c>device.crt</c>, <c>device.key</c> with
/// mode 0600): what a secure element would hold, for simulated and development devices.
/// </summary>
public static class DeviceCredentials
{
    private const string CertificateFile = "device.crt";
    private const string KeyFile = "device.key";

    /// <summary>Writes a device's certificate and key into a new folder.</summary>
    public static void Save(string folder, X509Certificate2 deviceWithKey)
    {
        ArgumentNullException.ThrowIfNull(deviceWithKey);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new IOException($"Device credentials already exist for '{Path.GetFileName(folder)}'.");
        }

        Directory.CreateDirectory(folder);
        using var key = deviceWithKey.GetECDsaPrivateKey()
            ?? throw new ArgumentException("The certificate has no EC private key.", nameof(deviceWithKey));
        Keys.KeyFile.WriteNew(Path.Combine(folder, KeyFile), key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(folder, CertificateFile), deviceWithKey.ExportCertificatePem());
    }

    /// <summary>Loads a device's certificate with its private key.</summary>
    public static X509Certificate2 Load(string folder) =>
        X509Certificate2.CreateFromPemFile(Path.Combine(folder, CertificateFile), Path.Combine(folder, KeyFile));

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

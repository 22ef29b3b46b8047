using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Identity.Keys;

namespace Vigil.Identity.Certificates;

/// <summary>
/// Certificates for the platform's own keys, all held in an <see cref="IKeyStore"/>: a platform
/// CA, the ingest key (key agreement, for devices to encrypt to) and the signing key (receipts,
/// checkpoints). Devices are provisioned with the platform CA and the ingest certificate.
/// </summary>
internal static class PlatformPki
{
    /// <summary>Creates the platform CA certificate for the key-store key <see cref="PlatformKeyNames.PlatformCa"/>.</summary>
    public static X509Certificate2 CreateCa(IKeyStore store, string platformName, DateTimeOffset now, TimeSpan validity)
    {
        using var caKey = new KeyStoreEcdsa(store, PlatformKeyNames.PlatformCa);
        var subject = new X500DistinguishedName($"CN={platformName} Platform CA, O={platformName}");
        var request = new CertificateRequest(subject, caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.Create(subject, X509SignatureGenerator.CreateForECDsa(caKey), now.AddMinutes(-5), now.Add(validity), NewSerial());
    }

    /// <summary>Certifies a platform key (ingest or signing) with the platform CA.</summary>
    public static X509Certificate2 CreateKeyCertificate(
        IKeyStore store, X509Certificate2 ca, string keyName, string platformName, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(ca);
        using var caKey = new KeyStoreEcdsa(store, PlatformKeyNames.PlatformCa);
        using var subjectKey = ECDsa.Create(store.GetPublicKey(keyName));
        var usage = keyName == PlatformKeyNames.Ingest ? X509KeyUsageFlags.KeyAgreement : X509KeyUsageFlags.DigitalSignature;
        var subject = new X500DistinguishedName($"CN={platformName} {keyName}, O={platformName}");
        var request = new CertificateRequest(subject, new PublicKey(subjectKey), HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var notAfter = now.Add(validity) > ca.NotAfter ? new DateTimeOffset(ca.NotAfter.ToUniversalTime()) : now.Add(validity);
        return request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddMinutes(-5), notAfter, NewSerial());
    }

    /// <summary>
    /// Issues a TLS server certificate for this host (DNS localhost, IP 127.0.0.1 and ::1) signed
    /// by the platform CA. Its key is generated here and returned with the certificate.
    /// </summary>
    public static X509Certificate2 CreateTlsServerCertificate(IKeyStore store, X509Certificate2 ca, string platformName, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(ca);
        using var caKey = new KeyStoreEcdsa(store, PlatformKeyNames.PlatformCa);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN=localhost, O={platformName}"), key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var notAfter = now.Add(validity) > ca.NotAfter ? new DateTimeOffset(ca.NotAfter.ToUniversalTime()) : now.Add(validity);
        using var issued = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddMinutes(-5), notAfter, NewSerial());
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// Issues a relay's client certificate (CN = relay id, clientAuth) signed by the platform CA,
    /// with a new key, returned with the certificate.
    /// </summary>
    public static X509Certificate2 CreateRelayCertificate(IKeyStore store, X509Certificate2 ca, string relayId, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(ca);
        using var caKey = new KeyStoreEcdsa(store, PlatformKeyNames.PlatformCa);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(relayId);
        subject.AddOrganizationalUnitName("relay");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var notAfter = now.Add(validity) > ca.NotAfter ? new DateTimeOffset(ca.NotAfter.ToUniversalTime()) : now.Add(validity);
        using var issued = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddMinutes(-5), notAfter, NewSerial());
        return issued.CopyWithPrivateKey(key);
    }

    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }
}

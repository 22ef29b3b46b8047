using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;

namespace Vigil.Identity.Certificates;

/// <summary>
/// A device maker's certificate authority: issues each device a certificate for the P-256 key
/// in its secure element. Vigil trusts maker CAs, never individual devices. In production the
/// maker runs this; Vigil uses it to mint development and simulated devices.
/// </summary>
public sealed class MakerAuthority
{
    private readonly X509Certificate2 _certificate;

    /// <summary>Wraps a maker CA certificate that has its private key.</summary>
    public MakerAuthority(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The maker CA certificate needs its private key to issue.", nameof(certificate));
        }

        _certificate = certificate;
    }

    /// <summary>The CA certificate, which platforms add to their trusted makers.</summary>
    public X509Certificate2 Certificate => _certificate;

    /// <summary>Creates a new self-signed maker CA.</summary>
    public static MakerAuthority Create(string makerName, DateTimeOffset now, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedName($"CN={makerName} Device CA, O={makerName}");
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return new MakerAuthority(request.CreateSelfSigned(now.AddMinutes(-5), now.Add(validity)));
    }

    /// <summary>
    /// Issues a device certificate: subject <c>CN=&lt;device id&gt;, serialNumber=&lt;serial&gt;, O=&lt;maker&gt;</c>,
    /// digital-signature key usage, and the <see cref="DeviceAttributes"/> extension.
    /// </summary>
    /// <returns>The device certificate with its private key, for the secure element.</returns>
    public X509Certificate2 IssueDevice(DeviceId id, DeviceAttributes attributes, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(id.Value);
        subject.Add("2.5.4.5", attributes.Serial);
        var maker = _certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .FirstOrDefault(r => r.GetSingleElementType().Value == "2.5.4.10")?.GetSingleElementValue();
        if (maker is not null)
        {
            subject.AddOrganizationName(maker);
        }

        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, true, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(attributes.ToExtension());

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var caNotBefore = new DateTimeOffset(_certificate.NotBefore.ToUniversalTime());
        using var issued = request.Create(_certificate, notBefore < caNotBefore ? caNotBefore : notBefore, Clamp(notAfter), serial);
        return issued.CopyWithPrivateKey(key);
    }

    private DateTimeOffset Clamp(DateTimeOffset notAfter) =>
        notAfter > _certificate.NotAfter ? new DateTimeOffset(_certificate.NotAfter.ToUniversalTime()) : notAfter;
}

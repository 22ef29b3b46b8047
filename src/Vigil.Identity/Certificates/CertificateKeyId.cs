using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Identity.Certificates;

/// <summary>
/// The key identifier Vigil uses in COSE <c>kid</c> headers: the first 16 bytes of the SHA-256
/// of the certificate's DER encoding. It names one certificate, not merely one key.
/// </summary>
public static class CertificateKeyId
{
    /// <summary>Length of a key identifier in bytes.</summary>
    public const int Length = 16;

    /// <summary>The key identifier of a certificate.</summary>
    public static byte[] Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return SHA256.HashData(certificate.RawData)[..Length];
    }

    /// <summary>The key identifier as lower-case hex, for display and dictionary keys.</summary>
    public static string HexOf(X509Certificate2 certificate) => Convert.ToHexStringLower(Of(certificate));
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Identity.Certificates;

namespace Vigil.Protocol.Sealing;

/// <summary>The platform ingest key as a device sees it: a P-256 public key and its kid.</summary>
/// <param name="PublicKey">The ingest public key.</param>
/// <param name="KeyId">The kid of the ingest certificate.</param>
public sealed record RecipientKey(ECParameters PublicKey, byte[] KeyId)
{
    /// <summary>Reads the recipient from the platform's ingest certificate.</summary>
    public static RecipientKey FromCertificate(X509Certificate2 ingestCertificate)
    {
        ArgumentNullException.ThrowIfNull(ingestCertificate);
        using var key = ingestCertificate.GetECDiffieHellmanPublicKey()
            ?? throw new ArgumentException("The ingest certificate has no EC public key.", nameof(ingestCertificate));
        return new RecipientKey(key.ExportParameters(includePrivateParameters: false), CertificateKeyId.Of(ingestCertificate));
    }
}

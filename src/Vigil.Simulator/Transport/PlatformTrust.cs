using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Simulator.Transport;

/// <summary>How a device or relay checks the platform's TLS certificate: it must chain to the platform CA it was provisioned with.</summary>
public static class PlatformTrust
{
    /// <summary>A TLS validation callback trusting only <paramref name="platformCa"/>.</summary>
    public static RemoteCertificateValidationCallback Validator(X509Certificate2 platformCa) => (_, certificate, _, errors) =>
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(platformCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    };
}

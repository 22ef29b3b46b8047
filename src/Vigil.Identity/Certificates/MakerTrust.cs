using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Identity.Certificates;

/// <summary>
/// The set of maker CAs the platform trusts, and the check that a device certificate chains to
/// one of them. The chain is built with only these roots (custom root trust), never the
/// system store, and revocation is Vigil's own (the registry), so CRL fetching is off.
/// </summary>
public sealed class MakerTrust
{
    private readonly X509Certificate2Collection _roots;

    /// <summary>Trusts the given maker CA certificates.</summary>
    public MakerTrust(IEnumerable<X509Certificate2> makerCas)
    {
        _roots = [.. makerCas];
    }

    /// <summary>The trusted maker CAs.</summary>
    public IReadOnlyList<X509Certificate2> Roots => [.. _roots];

    /// <summary>Checks a device certificate at a point in time.</summary>
    public ChainStatus Check(X509Certificate2 device, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(device);
        try
        {
            return CheckDecoded(device, at);
        }
        catch (CryptographicException)
        {
            // Parts of a certificate are decoded only when read: one whose validity, extensions or
            // key do not decode (made to break parsers) is trusted by nobody.
            return ChainStatus.Untrusted;
        }
    }

    private ChainStatus CheckDecoded(X509Certificate2 device, DateTimeOffset at)
    {
        if (at < device.NotBefore.ToUniversalTime())
        {
            return ChainStatus.NotYetValid;
        }

        if (at > device.NotAfter.ToUniversalTime())
        {
            return ChainStatus.Expired;
        }

        if (!IsDeviceShaped(device))
        {
            return ChainStatus.NotADeviceCertificate;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (chain.Build(device))
        {
            return ChainStatus.Trusted;
        }

        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        if ((flags & X509ChainStatusFlags.NotTimeValid) != 0)
        {
            return chain.ChainElements.Any(e => at < e.Certificate.NotBefore.ToUniversalTime())
                ? ChainStatus.NotYetValid
                : ChainStatus.Expired;
        }

        return ChainStatus.Untrusted;
    }

    private static bool IsDeviceShaped(X509Certificate2 device)
    {
        if (device.Extensions["2.5.29.19"] is X509BasicConstraintsExtension { CertificateAuthority: true })
        {
            return false;
        }

        if (device.Extensions["2.5.29.15"] is X509KeyUsageExtension usage
            && (usage.KeyUsages & System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.DigitalSignature) == 0)
        {
            return false;
        }

        using var key = device.GetECDsaPublicKey();
        return key is not null && key.KeySize == 256;
    }
}

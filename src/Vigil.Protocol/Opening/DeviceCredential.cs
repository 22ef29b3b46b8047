using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;

namespace Vigil.Protocol.Opening;

/// <summary>An enrolled device certificate, with its kid and its public key ready to verify.</summary>
public sealed class DeviceCredential
{
    private readonly Lazy<ECDsa> _publicKey;

    /// <summary>Wraps a device certificate.</summary>
    public DeviceCredential(DeviceId id, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Id = id;
        Certificate = certificate;
        KeyIdHex = CertificateKeyId.HexOf(certificate);
        _publicKey = new Lazy<ECDsa>(() => certificate.GetECDsaPublicKey()
            ?? throw new InvalidOperationException("Device certificate without an EC key."));
    }

    /// <summary>The device the certificate was issued to.</summary>
    public DeviceId Id { get; }

    /// <summary>The device certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The kid, as lower-case hex.</summary>
    public string KeyIdHex { get; }

    /// <summary>The public key, imported once.</summary>
    public ECDsa PublicKey => _publicKey.Value;
}

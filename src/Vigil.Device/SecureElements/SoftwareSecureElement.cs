using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;

namespace Vigil.Device.SecureElements;

/// <summary>
/// A secure element emulated in software, for simulated and development devices: the key is an
/// ordinary in-memory key and the counter is whatever <see cref="ISequenceCounter"/> it is given.
/// </summary>
public sealed class SoftwareSecureElement : ISecureElement, IDisposable
{
    private readonly ISequenceCounter _counter;
    private readonly ECDsa _key;

    /// <summary>Wraps a device certificate that has its private key.</summary>
    public SoftwareSecureElement(X509Certificate2 certificateWithKey, ISequenceCounter counter)
    {
        ArgumentNullException.ThrowIfNull(certificateWithKey);
        DeviceId = DeviceCredentials.DeviceIdOf(certificateWithKey)
            ?? throw new ArgumentException("The certificate's common name is not a device id.", nameof(certificateWithKey));
        _key = certificateWithKey.GetECDsaPrivateKey()
            ?? throw new ArgumentException("The certificate has no EC private key.", nameof(certificateWithKey));
        Certificate = certificateWithKey;
        KeyId = CertificateKeyId.Of(certificateWithKey);
        _counter = counter;
    }

    /// <inheritdoc />
    public DeviceId DeviceId { get; }

    /// <inheritdoc />
    public X509Certificate2 Certificate { get; }

    /// <inheritdoc />
    public byte[] KeyId { get; }

    /// <inheritdoc />
    public ECDsa SigningKey => _key;

    /// <inheritdoc />
    public ulong NextSequence() => _counter.Next();

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}

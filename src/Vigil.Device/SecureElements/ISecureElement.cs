using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;

namespace Vigil.Device.SecureElements;

/// <summary>
/// What a device's secure element provides: its certificate, signing with a key that never
/// leaves it, and a monotonic counter that never repeats a value, even across power loss.
/// </summary>
public interface ISecureElement
{
    /// <summary>The device id, from the certificate.</summary>
    DeviceId DeviceId { get; }

    /// <summary>The device certificate issued by its maker.</summary>
    X509Certificate2 Certificate { get; }

    /// <summary>The certificate's kid.</summary>
    byte[] KeyId { get; }

    /// <summary>Signs inside the element.</summary>
    ECDsa SigningKey { get; }

    /// <summary>The next batch sequence number; never returns a value twice.</summary>
    ulong NextSequence();
}

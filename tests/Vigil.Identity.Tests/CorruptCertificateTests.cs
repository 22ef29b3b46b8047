using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;

namespace Vigil.Identity.Tests;

/// <summary>
/// A certificate file or TLS client certificate made to break parsers: the platform loads such a
/// certificate lazily, so its validity, subject, extensions and key are decoded only when read.
/// Every byte of a real device certificate is changed in turn; whatever loads must be judged,
/// never throw.
/// </summary>
public sealed class CorruptCertificateTests
{
    [Fact]
    public void DeviceCertificate_AnyOneByteChanged_IsJudgedWithoutThrowing()
    {
        var now = DateTimeOffset.UtcNow;
        var maker = MakerAuthority.Create("Corrupt Maker", now.AddDays(-1), TimeSpan.FromDays(30));
        var trust = new MakerTrust([maker.Certificate]);
        using var device = maker.IssueDevice(DeviceId.Parse("corrupt-1"), new DeviceAttributes("CGM-7", "LOT-1", "SN-1", "1.0"), now.AddHours(-1), now.AddDays(10));
        var der = device.RawData;
        var loaded = 0;
        var trusted = 0;
        foreach (var value in new byte[] { 0x00, 0x55, 0xFF })
        {
            for (var i = 0; i < der.Length; i++)
            {
                var bytes = der.ToArray();
                if (bytes[i] == value)
                {
                    continue;
                }

                bytes[i] = value;
                X509Certificate2 certificate;
                try
                {
                    certificate = X509CertificateLoader.LoadCertificate(bytes);
                }
                catch (CryptographicException)
                {
                    continue;
                }

                using (certificate)
                {
                    loaded++;
                    _ = DeviceCredentials.DeviceIdOf(certificate);
                    _ = DeviceAttributes.FromCertificate(certificate);
                    if (trust.Check(certificate, now) == ChainStatus.Trusted)
                    {
                        trusted++;
                    }
                }
            }
        }

        Assert.True(loaded > der.Length, $"only {loaded} changed certificates loaded");

        // The maker's signature covers the certificate's body and fails if its own bytes change.
        Assert.Equal(0, trusted);
        Assert.Equal(ChainStatus.Trusted, trust.Check(device, now));
    }
}

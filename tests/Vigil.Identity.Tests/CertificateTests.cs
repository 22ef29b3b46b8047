using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;

namespace Vigil.Identity.Tests;

public sealed class CertificateTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void IssueDevice_Attributes_AreInTheExtensionAndSubject()
    {
        var maker = MakerAuthority.Create("Acme Medical", Now.AddDays(-1), TimeSpan.FromDays(3650));
        var attributes = new DeviceAttributes("G7", "LOT-2026-114", "SN000123", "3.2.1");

        using var device = maker.IssueDevice(DeviceId.Parse("g7-sn000123"), attributes, Now, Now.AddYears(2));

        Assert.Equal(attributes, DeviceAttributes.FromCertificate(device));
        Assert.Equal("g7-sn000123", DeviceCredentials.DeviceIdOf(device)?.Value);
        Assert.Contains("SERIALNUMBER=SN000123", device.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("O=Acme Medical", device.Subject);
        Assert.True(device.HasPrivateKey);
    }

    [Fact]
    public void Check_DeviceOfTrustedMaker_IsTrusted()
    {
        var maker = MakerAuthority.Create("Acme", Now.AddDays(-1), TimeSpan.FromDays(3650));
        using var device = maker.IssueDevice(DeviceId.Parse("d-1"), Attributes(), Now, Now.AddYears(1));

        Assert.Equal(ChainStatus.Trusted, new MakerTrust([maker.Certificate]).Check(device, Now.AddDays(1)));
    }

    [Fact]
    public void Check_DeviceOfAnotherMaker_IsUntrusted()
    {
        var maker = MakerAuthority.Create("Acme", Now.AddDays(-1), TimeSpan.FromDays(3650));
        var rogue = MakerAuthority.Create("Acme", Now.AddDays(-1), TimeSpan.FromDays(3650));
        using var device = rogue.IssueDevice(DeviceId.Parse("d-1"), Attributes(), Now, Now.AddYears(1));

        Assert.Equal(ChainStatus.Untrusted, new MakerTrust([maker.Certificate]).Check(device, Now.AddDays(1)));
    }

    [Fact]
    public void Check_OutsideValidity_IsExpiredOrNotYetValid()
    {
        var maker = MakerAuthority.Create("Acme", Now.AddDays(-1), TimeSpan.FromDays(3650));
        using var device = maker.IssueDevice(DeviceId.Parse("d-1"), Attributes(), Now, Now.AddDays(30));
        var trust = new MakerTrust([maker.Certificate]);

        Assert.Equal(ChainStatus.Expired, trust.Check(device, Now.AddDays(31)));
        Assert.Equal(ChainStatus.NotYetValid, trust.Check(device, Now.AddDays(-1)));
    }

    [Fact]
    public void Check_CaCertificatePresentedAsADevice_IsNotADeviceCertificate()
    {
        var maker = MakerAuthority.Create("Acme", Now.AddDays(-1), TimeSpan.FromDays(3650));

        Assert.Equal(ChainStatus.NotADeviceCertificate, new MakerTrust([maker.Certificate]).Check(maker.Certificate, Now));
    }

    [Fact]
    public void FromCertificate_NoExtension_IsNull()
    {
        var maker = MakerAuthority.Create("Acme", Now.AddDays(-1), TimeSpan.FromDays(3650));

        Assert.Null(DeviceAttributes.FromCertificate(maker.Certificate));
    }

    [Fact]
    public void ToExtension_EmptyOrOverlongAttribute_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DeviceAttributes("", "L", "S", "F").ToExtension());
        Assert.Throws<ArgumentException>(() => new DeviceAttributes(new string('m', 129), "L", "S", "F").ToExtension());
    }

    private static DeviceAttributes Attributes() => new("M1", "L1", "S1", "1.0");
}

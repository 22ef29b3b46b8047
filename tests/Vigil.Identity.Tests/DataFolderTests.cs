using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Vigil.Identity.Certificates;
using Vigil.Identity.Keys;
using Vigil.Identity.Provisioning;

namespace Vigil.Identity.Tests;

public sealed class DataFolderTests
{
    [Fact]
    public void Initialize_EmptyFolder_CreatesPlatformPkiAndATrustedDevelopmentMaker()
    {
        using var temp = new TempFolder();
        var folder = new DataFolder(temp.Path);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var created = folder.Initialize(time, passphrase: null);

        Assert.True(folder.IsInitialized);
        Assert.Contains("key ingest", created);
        using var ca = folder.PlatformCaCertificate;
        using var ingest = folder.IngestCertificate;
        using var signing = folder.SigningCertificate;
        Assert.True(ChainsTo(ingest, ca));
        Assert.True(ChainsTo(signing, ca));
        Assert.Equal(X509KeyUsageFlags.KeyAgreement, ingest.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        var store = folder.OpenKeyStore(null);
        Assert.Equal(store.GetPublicKey(PlatformKeyNames.Ingest).Q.X, ingest.GetECDiffieHellmanPublicKey()!.ExportParameters(false).Q.X);
        Assert.Single(folder.LoadMakerTrust().Roots);
    }

    [Fact]
    public void Initialize_Twice_KeepsTheKeys()
    {
        using var temp = new TempFolder();
        var folder = new DataFolder(temp.Path);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        folder.Initialize(time, null);
        var before = folder.OpenKeyStore(null).GetPublicKey(PlatformKeyNames.Signing).Q.X;

        var created = folder.Initialize(time, null);

        Assert.Empty(created);
        Assert.Equal(before, folder.OpenKeyStore(null).GetPublicKey(PlatformKeyNames.Signing).Q.X);
    }

    [Fact]
    public void Initialize_SecretFiles_AreOwnerOnly()
    {
        using var temp = new TempFolder();
        new DataFolder(temp.Path).Initialize(new FakeTimeProvider(DateTimeOffset.UtcNow), null);

        var secrets = Directory.GetFiles(temp.Path, "*.key", SearchOption.AllDirectories);

        Assert.Equal(5, secrets.Length);
        Assert.All(secrets, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
    }

    [Fact]
    public void DeviceCredentials_SaveAndLoad_RoundTripWithOwnerOnlyKey()
    {
        using var temp = new TempFolder();
        var folder = new DataFolder(temp.Path);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        folder.Initialize(time, null);
        var id = Domain.Devices.DeviceId.Parse("cgm-1");
        using var device = folder.LoadDevelopmentMaker().IssueDevice(id, new DeviceAttributes("CGM", "L", "1", "1.0"), time.GetUtcNow(), time.GetUtcNow().AddYears(1));

        DeviceCredentials.Save(folder.DeviceFolder(id), device);

        using var loaded = DeviceCredentials.Load(folder.DeviceFolder(id));
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(device.Thumbprint, loaded.Thumbprint);
        Assert.Equal([id], folder.MintedDevices());
        Assert.Equal(ChainStatus.Trusted, folder.LoadMakerTrust().Check(loaded, time.GetUtcNow().AddMinutes(1)));
        Assert.Throws<IOException>(() => DeviceCredentials.Save(folder.DeviceFolder(id), device));
    }

    private static bool ChainsTo(X509Certificate2 leaf, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}

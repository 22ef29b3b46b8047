using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Vigil.Identity.Certificates;
using Vigil.Identity.Keys;
using Vigil.Identity.Provisioning;

namespace Vigil.Identity.Tests;

public sealed class DataFolderTests
{
    private const string Passphrase = "correct horse battery staple";

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

        Assert.Equal(6, secrets.Length);
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
        using var device = folder.LoadDevelopmentMaker(null).IssueDevice(id, new DeviceAttributes("CGM", "L", "1", "1.0"), time.GetUtcNow(), time.GetUtcNow().AddYears(1));

        DeviceCredentials.Save(folder.DeviceFolder(id), device, null);

        using var loaded = DeviceCredentials.Load(folder.DeviceFolder(id), null);
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(device.Thumbprint, loaded.Thumbprint);
        Assert.Equal([id], folder.MintedDevices());
        Assert.Equal(ChainStatus.Trusted, folder.LoadMakerTrust().Check(loaded, time.GetUtcNow().AddMinutes(1)));
        Assert.Throws<IOException>(() => DeviceCredentials.Save(folder.DeviceFolder(id), device, null));
    }

    [Fact]
    public void Initialize_WithAPassphrase_EncryptsEveryPrivateKeyFileAndNeedsIt()
    {
        using var temp = new TempFolder();
        var folder = new DataFolder(temp.Path);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        folder.Initialize(time, Passphrase);
        var id = Domain.Devices.DeviceId.Parse("cgm-1");
        using (var device = folder.LoadDevelopmentMaker(Passphrase).IssueDevice(id, new DeviceAttributes("CGM", "L", "1", "1.0"), time.GetUtcNow(), time.GetUtcNow().AddYears(1)))
        {
            DeviceCredentials.Save(folder.DeviceFolder(id), device, Passphrase);
        }

        var files = Directory.GetFiles(temp.Path, "*.key", SearchOption.AllDirectories);
        Assert.Equal(7, files.Length);
        Assert.All(files, f => Assert.Contains("-----BEGIN ", File.ReadAllText(f), StringComparison.Ordinal));
        Assert.All(files, f => Assert.Contains("ENCRYPTED", File.ReadAllText(f), StringComparison.Ordinal));
        Assert.All(KeyFileInventory.Of(folder), e => Assert.True(e.Encrypted == true, $"{e.Path}: {e.Protection}"));
        using (var tls = folder.LoadTlsCertificate(Passphrase))
        {
            Assert.True(tls.HasPrivateKey);
        }

        using (var loaded = DeviceCredentials.Load(folder.DeviceFolder(id), Passphrase))
        {
            Assert.True(loaded.HasPrivateKey);
        }

        Assert.Contains("wrong passphrase", Assert.Throws<KeyUnavailableException>(() => folder.LoadTlsCertificate("wrong")).Message, StringComparison.Ordinal);
        Assert.Contains("is not set", Assert.Throws<KeyUnavailableException>(() => folder.LoadTlsCertificate(null)).Message, StringComparison.Ordinal);
        Assert.Throws<KeyUnavailableException>(() => folder.LoadDevelopmentMaker("wrong"));
        Assert.Throws<KeyUnavailableException>(() => folder.LoadDevelopmentMaker(null));
        Assert.Throws<KeyUnavailableException>(() => DeviceCredentials.Load(folder.DeviceFolder(id), "wrong"));
    }

    [Fact]
    public void Initialize_WithThePassphrase_EncryptsKeyFilesLeftInClearButNeverUnderAWrongOne()
    {
        using var temp = new TempFolder();
        var folder = new DataFolder(temp.Path);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        folder.Initialize(time, Passphrase);
        byte[] tlsKey;
        using (var tls = folder.LoadTlsCertificate(Passphrase))
        {
            tlsKey = tls.GetPublicKey();
        }

        // As a Vigil from before wrote them: in clear beside encrypted platform keys.
        foreach (var path in new[] { folder.TlsKeyPath, folder.MakerKeyPath })
        {
            using var key = System.Security.Cryptography.ECDsa.Create();
            key.ImportFromEncryptedPem(File.ReadAllText(path), Passphrase);
            File.Delete(path);
            PrivateKeyFile.Write(path, key, null);
        }

        Assert.Throws<KeyUnavailableException>(() => folder.Initialize(time, "wrong"));
        Assert.False(PrivateKeyFile.IsEncrypted(File.ReadAllText(folder.TlsKeyPath)));

        var created = folder.Initialize(time, Passphrase);

        Assert.Contains("encryption of 2 key file(s) written in clear before", created);
        Assert.True(PrivateKeyFile.IsEncrypted(File.ReadAllText(folder.TlsKeyPath)));
        Assert.True(PrivateKeyFile.IsEncrypted(File.ReadAllText(folder.MakerKeyPath)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.TlsKeyPath));
        using var reopened = folder.LoadTlsCertificate(Passphrase);
        Assert.Equal(tlsKey, reopened.GetPublicKey());
        Assert.Empty(folder.Initialize(time, Passphrase));
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

using System.Security.Cryptography.X509Certificates;
using Vigil.Identity.Keys;
using Vigil.Identity.Provisioning;
using Vigil.Tests.Shared;

namespace Vigil.Identity.Tests;

/// <summary>The PKCS#11 key store against a real SoftHSM2 token: the key stores' contract, and what is the token's own.</summary>
public sealed class Pkcs11KeyStoreTests : KeyStoreContract, IDisposable
{
    private readonly Pkcs11Settings _token = SoftHsm.NewToken();
    private readonly List<Pkcs11KeyStore> _opened = [];
    private Pkcs11KeyStore? _store;

    protected override IKeyStore Store => _store ??= (Pkcs11KeyStore)Reopen();

    protected override IKeyStore Reopen()
    {
        var store = new Pkcs11KeyStore(_token, SoftHsm.Pin);
        _opened.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }
    }

    [Fact]
    public void Open_WrongPin_IsRefused()
    {
        var token = SoftHsm.NewToken();

        var refused = Assert.Throws<InvalidOperationException>(() => new Pkcs11KeyStore(token, "0000"));

        Assert.Contains("CKR_PIN_INCORRECT", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Initialize_FolderOnAToken_KeepsNoPlatformKeyInAFileAndItsCertificatesVerify()
    {
        using var temp = new TempFolder();
        var folder = new DataFolder(temp.Path);
        folder.UsePkcs11(SoftHsm.NewToken());
        Environment.SetEnvironmentVariable(Pkcs11Settings.PinVariable, SoftHsm.Pin);

        folder.Initialize(TimeProvider.System, null);

        Assert.Empty(Directory.GetFiles(Path.Combine(temp.Path, "keys"), "*.key"));
        using var ca = folder.PlatformCaCertificate;
        using var signing = folder.SigningCertificate;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(signing), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.StartsWith("PKCS#11", folder.OpenKeyStore(null).Description, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => folder.UsePkcs11(SoftHsm.NewToken()));
    }
}

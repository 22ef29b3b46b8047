using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Identity.Keys;
using Vigil.Identity.Provisioning;
using Vigil.Tests.Shared;

namespace Vigil.Identity.Tests;

/// <summary>The PKCS#11 key store against a real SoftHSM2 token.</summary>
public sealed class Pkcs11KeyStoreTests
{
    [Fact]
    public void SignHash_TokenKey_VerifiesWithItsPublicKeyOnly()
    {
        using var store = new Pkcs11KeyStore(SoftHsm.NewToken(), SoftHsm.Pin);
        store.CreateKey("signing");
        var hash = SHA256.HashData("receipt"u8);

        var signature = store.SignHash("signing", hash);

        using var verifier = ECDsa.Create(store.GetPublicKey("signing"));
        Assert.True(verifier.VerifyHash(hash, signature));
        Assert.False(verifier.VerifyHash(SHA256.HashData("other"u8), signature));
    }

    [Fact]
    public void DeriveRawSecret_TokenKey_MatchesThePeersSide()
    {
        using var store = new Pkcs11KeyStore(SoftHsm.NewToken(), SoftHsm.Pin);
        store.CreateKey("ingest");
        using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var platform = ECDiffieHellman.Create(store.GetPublicKey("ingest"));

        var tokenSide = store.DeriveRawSecret("ingest", peer.ExportParameters(false));

        Assert.Equal(peer.DeriveRawSecretAgreement(platform.PublicKey), tokenSide);
    }

    [Fact]
    public void UnwrapKey_WrappedOnTheToken_RoundTripsAndRefusesAnyChangeOrOtherKey()
    {
        using var store = new Pkcs11KeyStore(SoftHsm.NewToken(), SoftHsm.Pin);
        store.CreateWrappingKey("kek-1");
        store.CreateWrappingKey("kek-2");
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var wrapped = store.WrapKey("kek-1", dataKey);
        var altered = wrapped.ToArray();
        altered[^1] ^= 1;

        Assert.Equal(dataKey, store.UnwrapKey("kek-1", wrapped));
        Assert.Equal(KeyWrapFormat.NonceBytes + 32 + KeyWrapFormat.TagBytes, wrapped.Length);
        Assert.Throws<CryptographicException>(() => store.UnwrapKey("kek-1", altered));
        Assert.Throws<CryptographicException>(() => store.UnwrapKey("kek-2", wrapped));
    }

    [Fact]
    public void DeleteKey_WrappingKey_IsGoneFromTheToken()
    {
        var token = SoftHsm.NewToken();
        using var store = new Pkcs11KeyStore(token, SoftHsm.Pin);
        store.CreateWrappingKey("kek-1");

        Assert.True(store.DeleteKey("kek-1"));

        using var reopened = new Pkcs11KeyStore(token, SoftHsm.Pin);
        Assert.False(reopened.Contains("kek-1"));
        Assert.Throws<KeyNotFoundException>(() => reopened.WrapKey("kek-1", new byte[32]));
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

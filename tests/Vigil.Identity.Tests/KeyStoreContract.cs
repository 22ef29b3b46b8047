using System.Security.Cryptography;
using Vigil.Identity.Keys;

namespace Vigil.Identity.Tests;

/// <summary>What every key store must do, run against each one (protected files, a SoftHSM2 token).</summary>
public abstract class KeyStoreContract
{
    /// <summary>The store under test, over storage fresh for each test.</summary>
    protected abstract IKeyStore Store { get; }

    /// <summary>Another store over the same storage, as after a restart.</summary>
    protected abstract IKeyStore Reopen();

    [Fact]
    public void SignHash_StoredKey_VerifiesWithItsPublicKeyOnly()
    {
        Store.CreateKey("signing");
        var hash = SHA256.HashData("receipt"u8);

        var signature = Store.SignHash("signing", hash);

        using var verifier = ECDsa.Create(Store.GetPublicKey("signing"));
        Assert.True(verifier.VerifyHash(hash, signature));
        Assert.False(verifier.VerifyHash(SHA256.HashData("other"u8), signature));
    }

    [Fact]
    public void DeriveRawSecret_WithPeer_MatchesThePeersSide()
    {
        Store.CreateKey("ingest");
        using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var platform = ECDiffieHellman.Create(Store.GetPublicKey("ingest"));

        var storeSide = Store.DeriveRawSecret("ingest", peer.ExportParameters(false));

        Assert.Equal(peer.DeriveRawSecretAgreement(platform.PublicKey), storeSide);
    }

    [Fact]
    public void UnwrapKey_Wrapped_RoundTripsAndRefusesAnyChangeOrOtherKey()
    {
        Store.CreateWrappingKey("kek-1");
        Store.CreateWrappingKey("kek-2");
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var wrapped = Store.WrapKey("kek-1", dataKey);
        var altered = wrapped.ToArray();
        altered[^1] ^= 1;

        Assert.Equal(dataKey, Store.UnwrapKey("kek-1", wrapped));
        Assert.Equal(dataKey, Reopen().UnwrapKey("kek-1", wrapped));
        Assert.Equal(KeyWrapFormat.NonceBytes + 32 + KeyWrapFormat.TagBytes, wrapped.Length);
        Assert.ThrowsAny<CryptographicException>(() => Store.UnwrapKey("kek-1", altered));
        Assert.ThrowsAny<CryptographicException>(() => Store.UnwrapKey("kek-2", wrapped));
    }

    [Fact]
    public void DeleteKey_WrappingKey_IsGoneForGood()
    {
        Store.CreateWrappingKey("kek-1");

        Assert.True(Store.DeleteKey("kek-1"));

        var reopened = Reopen();
        Assert.False(reopened.Contains("kek-1"));
        Assert.Throws<KeyNotFoundException>(() => reopened.WrapKey("kek-1", new byte[32]));
        Assert.False(reopened.DeleteKey("kek-1"));
    }
}

using System.Security.Cryptography;
using Vigil.Identity.Keys;

namespace Vigil.Protocol.Tests;

/// <summary>A key store over given in-memory keys, for test vectors.</summary>
public sealed class MemoryKeyStore(string name, ECParameters privateKey) : IKeyStore
{
    private readonly ECDiffieHellman _agreement = ECDiffieHellman.Create(privateKey);
    private readonly ECDsa _signing = ECDsa.Create(privateKey);

    public string Description => "memory";

    public bool Contains(string keyName) => keyName == name;

    public void CreateKey(string keyName) => throw new NotSupportedException();

    public ECParameters GetPublicKey(string keyName) => _signing.ExportParameters(false);

    public byte[] SignHash(string keyName, ReadOnlySpan<byte> hash) => _signing.SignHash(hash);

    public byte[] DeriveRawSecret(string keyName, ECParameters peerPublicKey)
    {
        using var peer = ECDiffieHellman.Create(peerPublicKey);
        return _agreement.DeriveRawSecretAgreement(peer.PublicKey);
    }

    public void CreateWrappingKey(string keyName) => throw new NotSupportedException();

    public byte[] WrapKey(string keyName, ReadOnlySpan<byte> dataKey) => throw new NotSupportedException();

    public byte[] UnwrapKey(string keyName, ReadOnlySpan<byte> wrapped) => throw new NotSupportedException();

    public bool DeleteKey(string keyName) => throw new NotSupportedException();

    public void Dispose()
    {
        _agreement.Dispose();
        _signing.Dispose();
    }
}

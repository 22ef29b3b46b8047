using System.Security.Cryptography;
using Vigil.Identity.Keys;

namespace Vigil.Record.Encryption;

/// <summary>
/// The key store of a record opened for what needs no key (<see cref="RecordStore.OpenWithoutKeys"/>):
/// it holds none, and every use of a key is a key error rather than a reach for the real store.
/// </summary>
internal sealed class NoKeyStore : IKeyStore
{
    private const string Refusal = "The record was opened without keys, for what needs none (the audit, the key status); this needs the key store.";

    /// <inheritdoc />
    public string Description => "none opened";

    /// <inheritdoc />
    public bool Contains(string name) => throw new KeyUnavailableException(Refusal);

    /// <inheritdoc />
    public void CreateKey(string name) => throw new KeyUnavailableException(Refusal);

    /// <inheritdoc />
    public ECParameters GetPublicKey(string name) => throw new KeyUnavailableException(Refusal);

    /// <inheritdoc />
    public byte[] SignHash(string name, ReadOnlySpan<byte> hash) => throw new KeyUnavailableException(Refusal);

    /// <inheritdoc />
    public byte[] DeriveRawSecret(string name, ECParameters peerPublicKey) => throw new KeyUnavailableException(Refusal);

    /// <inheritdoc />
    public void CreateWrappingKey(string name) => throw new KeyUnavailableException(Refusal);

    /// <inheritdoc />
    public byte[] WrapKey(string name, ReadOnlySpan<byte> dataKey) => throw new KeyUnavailableException(Refusal);

    /// <inheritdoc />
    public byte[] UnwrapKey(string name, ReadOnlySpan<byte> wrapped) => throw new KeyUnavailableException(Refusal);

    /// <inheritdoc />
    public bool DeleteKey(string name) => throw new KeyUnavailableException(Refusal);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}

using System.Buffers.Binary;

namespace Vigil.Protocol.Sessions;

/// <summary>
/// The symmetric secrets of one session: the AES-256-GCM key and the 12-byte base IV. A batch's
/// nonce is the base IV XOR its sequence number, left-padded to 12 bytes (the COSE Partial IV
/// construction, RFC 9052 §3.1).
/// </summary>
internal sealed class SessionSecrets
{
    /// <summary>AES-256 key length.</summary>
    public const int KeyLength = 32;

    /// <summary>AES-GCM nonce length.</summary>
    public const int NonceLength = 12;

    internal SessionSecrets(byte[] key, byte[] baseIv)
    {
        Key = key;
        BaseIv = baseIv;
    }

    /// <summary>The content-encryption key.</summary>
    public byte[] Key { get; }

    /// <summary>The base IV.</summary>
    public byte[] BaseIv { get; }

    /// <summary>Writes the nonce of a sequence number.</summary>
    public void Nonce(ulong sequence, Span<byte> nonce)
    {
        BaseIv.CopyTo(nonce);
        Span<byte> partial = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(partial, sequence);
        for (var i = 0; i < 8; i++)
        {
            nonce[NonceLength - 8 + i] ^= partial[i];
        }
    }
}

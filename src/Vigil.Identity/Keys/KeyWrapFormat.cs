using System.Security.Cryptography;
using System.Text;

namespace Vigil.Identity.Keys;

/// <summary>
/// The layout of a wrapped data key, the same in every key store: a 12-byte random nonce, the
/// AES-256-GCM ciphertext of the key, and the 16-byte tag. The additional data is
/// <c>vigil-dek/1 </c> followed by the wrapping key's name, so a wrapped key moved under another
/// key-encryption key fails to unwrap instead of decrypting to garbage.
/// </summary>
internal static class KeyWrapFormat
{
    /// <summary>Bytes of the nonce.</summary>
    public const int NonceBytes = 12;

    /// <summary>Bytes of the tag.</summary>
    public const int TagBytes = 16;

    /// <summary>The additional authenticated data of a key wrapped under <paramref name="wrappingKeyName"/>.</summary>
    public static byte[] AssociatedData(string wrappingKeyName) => Encoding.UTF8.GetBytes("vigil-dek/1 " + wrappingKeyName);

    /// <summary>Wraps with a key held in memory (the file store).</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> wrappingKey, string wrappingKeyName, ReadOnlySpan<byte> dataKey)
    {
        var output = new byte[NonceBytes + dataKey.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var gcm = new AesGcm(wrappingKey, TagBytes);
        gcm.Encrypt(nonce, dataKey, output.AsSpan(NonceBytes, dataKey.Length), output.AsSpan(NonceBytes + dataKey.Length), AssociatedData(wrappingKeyName));
        return output;
    }

    /// <summary>Unwraps with a key held in memory (the file store).</summary>
    /// <exception cref="CryptographicException">Wrong key, or altered.</exception>
    public static byte[] Unwrap(ReadOnlySpan<byte> wrappingKey, string wrappingKeyName, ReadOnlySpan<byte> wrapped)
    {
        if (wrapped.Length <= NonceBytes + TagBytes)
        {
            throw new CryptographicException("The wrapped key is too short.");
        }

        var length = wrapped.Length - NonceBytes - TagBytes;
        var key = new byte[length];
        using var gcm = new AesGcm(wrappingKey, TagBytes);
        gcm.Decrypt(wrapped[..NonceBytes], wrapped.Slice(NonceBytes, length), wrapped[^TagBytes..], key, AssociatedData(wrappingKeyName));
        return key;
    }
}

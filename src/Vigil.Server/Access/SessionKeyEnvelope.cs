using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Vigil.Identity.Keys;

namespace Vigil.Server.Access;

/// <summary>
/// How a key of the console's session key ring (ASP.NET Core Data Protection, <c>keys/sessions/</c>)
/// is kept encrypted at rest. Data Protection hands over the secret part of each key (its
/// <c>&lt;masterKey&gt;</c> element) to be encrypted, and stores what comes back inside an
/// <c>&lt;encryptedSecret decryptorType="..."&gt;</c> element:
/// <code>
/// &lt;vigilEncryptedSecret version="1" kek="sessions-kek"&gt;
///   &lt;wrappedKey&gt;base64: the content key wrapped by the key store (KeyWrapFormat)&lt;/wrappedKey&gt;
///   &lt;ciphertext&gt;base64: nonce (12) || AES-256-GCM ciphertext || tag (16)&lt;/ciphertext&gt;
/// &lt;/vigilEncryptedSecret&gt;
/// </code>
/// The content key is 32 random bytes, one per element; the plaintext is the element serialised
/// without formatting in UTF-8, with <c>vigil-session-key/1</c> as additional data. The key that
/// wraps the content key is always the key store's <see cref="PlatformKeyNames.Sessions"/>,
/// whatever the attribute says, so the file's owner cannot point it at another key.
/// </summary>
internal static class SessionKeyEnvelope
{
    /// <summary>The element that holds an encrypted secret.</summary>
    public const string ElementName = "vigilEncryptedSecret";

    private const int ContentKeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] AssociatedData = "vigil-session-key/1"u8.ToArray();

    /// <summary>The encrypted form of an element.</summary>
    public static XElement Seal(IKeyStore keys, XElement plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext.ToString(SaveOptions.DisableFormatting));
        var contentKey = RandomNumberGenerator.GetBytes(ContentKeyBytes);
        try
        {
            var wrapped = keys.WrapKey(PlatformKeyNames.Sessions, contentKey);
            var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
            var nonce = sealedBytes.AsSpan(0, NonceBytes);
            RandomNumberGenerator.Fill(nonce);
            using (var gcm = new AesGcm(contentKey, TagBytes))
            {
                gcm.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), AssociatedData);
            }

            return new XElement(
                ElementName,
                new XAttribute("version", "1"),
                new XAttribute("kek", PlatformKeyNames.Sessions),
                new XComment(" AES-256-GCM under a content key wrapped by the key store's key-encryption key (docs/identity.md) "),
                new XElement("wrappedKey", Convert.ToBase64String(wrapped)),
                new XElement("ciphertext", Convert.ToBase64String(sealedBytes)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The element an encrypted form holds.</summary>
    /// <exception cref="KeyUnavailableException">It does not open under the key store's key: written under another one, or altered.</exception>
    /// <exception cref="FormatException">It is not an encrypted secret of this kind.</exception>
    public static XElement Open(IKeyStore keys, XElement encrypted)
    {
        if (encrypted.Name.LocalName != ElementName || (string?)encrypted.Attribute("version") != "1"
            || encrypted.Element("wrappedKey") is not { } wrappedElement || encrypted.Element("ciphertext") is not { } ciphertextElement)
        {
            throw new FormatException($"A session key's secret is not a {ElementName} of version 1.");
        }

        var wrapped = Convert.FromBase64String(wrappedElement.Value);
        var sealedBytes = Convert.FromBase64String(ciphertextElement.Value);
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new FormatException("A session key's secret is too short.");
        }

        byte[] contentKey;
        try
        {
            contentKey = keys.UnwrapKey(PlatformKeyNames.Sessions, wrapped);
        }
        catch (CryptographicException e)
        {
            throw new KeyUnavailableException($"A session key in keys/sessions does not open under the key store's {PlatformKeyNames.Sessions}: it was written under another key, or altered.", e);
        }

        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        try
        {
            using var gcm = new AesGcm(contentKey, TagBytes);
            gcm.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), plain, AssociatedData);
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
        catch (CryptographicException e)
        {
            throw new KeyUnavailableException("A session key in keys/sessions does not open: it was altered.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}

using System.Security.Cryptography;
using System.Xml.Linq;
using Vigil.Identity.Keys;
using Vigil.Server.Access;

namespace Vigil.Server.Tests;

/// <summary>The console's session keys at rest: encrypted under the key store's session key-encryption key, opened only by it, and never altered unseen.</summary>
public sealed class SessionKeyEncryptionTests : IDisposable
{
    private static readonly XElement MasterKey = XElement.Parse(
        "<masterKey xmlns:p4=\"http://schemas.asp.net/2015/03/dataProtection\" p4:requiresEncryption=\"true\"><value>c2VjcmV0LXNlc3Npb24ta2V5LWJ5dGVz</value></masterKey>");

    private readonly string _root = Directory.CreateTempSubdirectory("vigil-session-keys-").FullName;

    [Fact]
    public void EncryptThenDecrypt_GivesTheElementBackAndHidesIt()
    {
        var keys = Store("a");

        var encrypted = new SessionKeyEncryptor(keys).Encrypt(MasterKey);
        var opened = new SessionKeyDecryptor(keys).Decrypt(encrypted.EncryptedElement);

        Assert.Equal(typeof(SessionKeyDecryptor), encrypted.DecryptorType);
        Assert.True(XNode.DeepEquals(MasterKey, opened));
        var text = encrypted.EncryptedElement.ToString();
        Assert.DoesNotContain("masterKey", text, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LXNlc3Npb24ta2V5LWJ5dGVz", text, StringComparison.Ordinal);
        Assert.NotEqual(text, new SessionKeyEncryptor(keys).Encrypt(MasterKey).EncryptedElement.ToString());
    }

    [Fact]
    public void Decrypt_UnderAnotherKeyOrAltered_IsAKeyError()
    {
        var encrypted = new SessionKeyEncryptor(Store("a")).Encrypt(MasterKey).EncryptedElement;
        var altered = new XElement(encrypted);
        var ciphertext = Convert.FromBase64String(altered.Element("ciphertext")!.Value);
        ciphertext[^1] ^= 1;
        altered.Element("ciphertext")!.Value = Convert.ToBase64String(ciphertext);

        Assert.Throws<KeyUnavailableException>(() => new SessionKeyDecryptor(Store("b")).Decrypt(encrypted));
        Assert.Throws<KeyUnavailableException>(() => new SessionKeyDecryptor(Store("a")).Decrypt(altered));
        Assert.Throws<FormatException>(() => new SessionKeyDecryptor(Store("a")).Decrypt(new XElement("somethingElse")));
    }

    [Fact]
    public void Decrypt_WithTheWrongPassphrase_IsAKeyError()
    {
        var folder = Path.Combine(_root, "encrypted");
        var store = new FileKeyStore(folder, "right");
        store.CreateWrappingKey(PlatformKeyNames.Sessions);
        var encrypted = new SessionKeyEncryptor(store).Encrypt(MasterKey).EncryptedElement;

        var refused = Assert.Throws<KeyUnavailableException>(() => new SessionKeyDecryptor(new FileKeyStore(folder, "wrong")).Decrypt(encrypted));

        Assert.Contains("wrong passphrase", refused.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<CryptographicException>(refused.InnerException);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private FileKeyStore Store(string name)
    {
        var folder = Path.Combine(_root, name);
        var store = new FileKeyStore(folder);
        if (!store.Contains(PlatformKeyNames.Sessions))
        {
            store.CreateWrappingKey(PlatformKeyNames.Sessions);
        }

        return store;
    }
}

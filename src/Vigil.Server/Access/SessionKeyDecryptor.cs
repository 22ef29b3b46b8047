using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Vigil.Identity.Keys;
using Vigil.Server.Hosting;

namespace Vigil.Server.Access;

/// <summary>
/// Decrypts what <see cref="SessionKeyEncryptor"/> encrypted. Data Protection makes one from the
/// type name it stored beside the secret, passing the application's services, and the key store
/// comes from the server's identity there.
/// </summary>
internal sealed class SessionKeyDecryptor : IXmlDecryptor
{
    private readonly IKeyStore _keys;

    /// <summary>The decryptor Data Protection makes, over the server's key store.</summary>
    public SessionKeyDecryptor(IServiceProvider services)
        : this((services ?? throw new ArgumentNullException(nameof(services))).GetRequiredService<ServerIdentity>().Keys)
    {
    }

    /// <summary>A decryptor over a key store.</summary>
    public SessionKeyDecryptor(IKeyStore keys) => _keys = keys;

    /// <inheritdoc />
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        return SessionKeyEnvelope.Open(_keys, encryptedElement);
    }
}

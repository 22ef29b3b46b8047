using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Vigil.Identity.Keys;

namespace Vigil.Server.Access;

/// <summary>
/// Encrypts the secrets of the console's session keys before Data Protection writes them to
/// <c>keys/sessions/</c> (<see cref="SessionKeyEnvelope"/>), under the key store's
/// <see cref="PlatformKeyNames.Sessions"/>: with a passphrase or a token the key ring is never in
/// clear on disk.
/// </summary>
internal sealed class SessionKeyEncryptor(IKeyStore keys) : IXmlEncryptor
{
    /// <inheritdoc />
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        return new EncryptedXmlInfo(SessionKeyEnvelope.Seal(keys, plaintextElement), typeof(SessionKeyDecryptor));
    }
}

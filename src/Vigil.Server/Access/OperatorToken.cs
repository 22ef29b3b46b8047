using System.Security.Cryptography;
using System.Text;
using Vigil.Identity.Provisioning;

namespace Vigil.Server.Access;

/// <summary>
/// The operator's bearer token of the data folder, read once. Only its SHA-256 is kept, and a
/// presented token is compared by hash in constant time, so neither its length nor its bytes leak
/// through timing.
/// </summary>
internal sealed class OperatorToken(DataFolder folder)
{
    private readonly byte[] _hash = SHA256.HashData(Encoding.UTF8.GetBytes(folder.EnsureOperatorToken()));

    /// <summary>Whether a presented token is the operator's.</summary>
    public bool Matches(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _hash);
    }
}

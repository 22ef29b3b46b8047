namespace Vigil.Identity.Keys;

/// <summary>
/// A key could not be opened: a wrong passphrase, an encrypted key file without one, a key file
/// that is not the one the record was written with, or a key store that cannot be reached. It is
/// about the keys given, never evidence that the record was altered.
/// </summary>
public sealed class KeyUnavailableException : Exception
{
    /// <summary>A key that could not be opened, and why.</summary>
    public KeyUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>A key that could not be opened, and why, with what failed.</summary>
    public KeyUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Not for use: a key error always says which key and why.</summary>
    public KeyUnavailableException()
        : base("A key could not be opened.")
    {
    }
}

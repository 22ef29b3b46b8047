namespace Vigil.Platform.Access;

/// <summary>How local staff passwords are judged, hashed and verified: the host's password hasher.</summary>
public interface IStaffPasswords
{
    /// <summary>Why a password is refused, or null if it is acceptable.</summary>
    string? Weakness(string password);

    /// <summary>The hash to store for a password.</summary>
    string Hash(string password);

    /// <summary>Whether a password matches a stored hash; false when there is no hash (an account for single sign-on only).</summary>
    bool Verify(string? hash, string password);
}

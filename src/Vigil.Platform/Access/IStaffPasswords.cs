namespace Vigil.Platform.Access;

/// <summary>How local staff passwords are judged and hashed: the host's password hasher, the one sign-in verifies with.</summary>
public interface IStaffPasswords
{
    /// <summary>Why a password is refused, or null if it is acceptable.</summary>
    string? Weakness(string password);

    /// <summary>The hash to store for a password.</summary>
    string Hash(string password);
}

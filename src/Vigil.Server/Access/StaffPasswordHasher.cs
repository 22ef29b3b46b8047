using Vigil.Platform.Access;

namespace Vigil.Server.Access;

/// <summary>The platform's staff passwords as <see cref="StaffPasswords"/> judges and hashes them, the hasher sign-in verifies with.</summary>
internal sealed class StaffPasswordHasher : IStaffPasswords
{
    /// <summary>The one instance.</summary>
    public static StaffPasswordHasher Instance { get; } = new();

    private StaffPasswordHasher()
    {
    }

    /// <inheritdoc />
    public string? Weakness(string password) => StaffPasswords.Weakness(password);

    /// <inheritdoc />
    public string Hash(string password) => StaffPasswords.Hash(password);
}

using Vigil.Platform.Access;

namespace Vigil.Server.Access;

/// <summary>The platform's staff passwords as <see cref="StaffPasswords"/> judges, hashes and verifies them.</summary>
public sealed class StaffPasswordHasher : IStaffPasswords
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

    /// <inheritdoc />
    public bool Verify(string? hash, string password) => StaffPasswords.Verify(hash, password);
}

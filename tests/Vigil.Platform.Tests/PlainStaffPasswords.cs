using Vigil.Platform.Access;

namespace Vigil.Platform.Tests;

/// <summary>Staff passwords for the platform's tests: the server's length rule, and a hash that is the password reversed (never for real accounts).</summary>
public sealed class PlainStaffPasswords : IStaffPasswords
{
    public string? Weakness(string password) => password is null || password.Length < 12 ? "a password has at least 12 characters" : null;

    public string Hash(string password) => new([.. (password ?? string.Empty).Reverse()]);

    public bool Verify(string? hash, string password) => hash is not null && hash == Hash(password);
}

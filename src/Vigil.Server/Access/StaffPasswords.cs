using Microsoft.AspNetCore.Identity;
using Vigil.Domain.Access;

namespace Vigil.Server.Access;

/// <summary>
/// Password hashing with ASP.NET Core Identity's hasher (PBKDF2 with HMAC-SHA-512, 100,000
/// iterations, a random salt, in its versioned format), for local accounts.
/// </summary>
internal static class StaffPasswords
{
    /// <summary>The shortest password accepted.</summary>
    public const int Minimum = 12;

    private static readonly PasswordHasher<StaffUser> Hasher = new();

    // A hash of nothing anyone knows, verified against when the user does not exist, so that an
    // unknown name costs the same time as a wrong password.
    private static readonly string Decoy = Hasher.HashPassword(null!, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    /// <summary>Why a password is refused, or null if it is acceptable.</summary>
    public static string? Weakness(string password) =>
        password is null || password.Length < Minimum ? $"a password has at least {Minimum} characters" : null;

    /// <summary>The hash to store for a password.</summary>
    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>Whether a password matches a stored hash (the decoy when there is none).</summary>
    public static bool Verify(string? hash, string password) =>
        Hasher.VerifyHashedPassword(null!, hash ?? Decoy, password) != PasswordVerificationResult.Failed && hash is not null;
}

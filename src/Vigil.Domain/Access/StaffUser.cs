namespace Vigil.Domain.Access;

/// <summary>A member of staff who signs in to Vigil.</summary>
/// <param name="Id">The sign-in name (for single sign-on, the identity provider's user name).</param>
/// <param name="DisplayName">The name shown to others.</param>
/// <param name="Role">What they may do.</param>
/// <param name="PasswordHash">The ASP.NET Core Identity password hash, or null for single sign-on only.</param>
/// <param name="FailedSignIns">Failed sign-ins since the last good one.</param>
/// <param name="LockedUntil">Locked out until then, after too many failures.</param>
/// <param name="Disabled">Whether the account is switched off.</param>
/// <param name="CreatedAt">When the account was made.</param>
public sealed record StaffUser(
    string Id, string DisplayName, StaffRole Role, string? PasswordHash, int FailedSignIns, DateTimeOffset? LockedUntil, bool Disabled, DateTimeOffset CreatedAt)
{
    /// <summary>Moves on each time the account's password changes or it is disabled or enabled: a session signed under another stamp is over.</summary>
    public long Stamp { get; init; }
}

using Vigil.Domain.Access;

namespace Vigil.Server.Http.Api;

/// <summary>A user as administrators see them (never the password hash).</summary>
/// <param name="Id">The sign-in name.</param>
/// <param name="Name">The display name.</param>
/// <param name="Role">The role.</param>
/// <param name="LocalPassword">Whether the account signs in with a local password.</param>
/// <param name="FailedSignIns">Failed sign-ins since the last good one.</param>
/// <param name="LockedUntil">Locked until then.</param>
/// <param name="Disabled">Whether the account is switched off.</param>
internal sealed record UserView(string Id, string Name, string Role, bool LocalPassword, int FailedSignIns, DateTimeOffset? LockedUntil, bool Disabled)
{
    /// <summary>The view of a user.</summary>
    public static UserView Of(StaffUser u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return new UserView(u.Id, u.DisplayName, u.Role.ToString(), u.PasswordHash is not null, u.FailedSignIns, u.LockedUntil, u.Disabled);
    }
}

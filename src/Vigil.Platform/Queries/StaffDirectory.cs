using Vigil.Domain.Access;
using Vigil.Record.Access;

namespace Vigil.Platform.Queries;

/// <summary>Staff accounts, the holders of API tokens, and care teams, as sign-in checks and administrators read them.</summary>
public sealed class StaffDirectory(IAccessStore access, TimeProvider time)
{
    /// <summary>A user, or null.</summary>
    public Task<StaffUser?> FindUserAsync(string id, CancellationToken cancellationToken = default) => access.FindUserAsync(id, cancellationToken);

    /// <summary>The user an API token (by its SHA-256) belongs to, while the token is valid and the account is not disabled; else null.</summary>
    public async Task<StaffUser?> TokenHolderAsync(byte[] tokenSha256, CancellationToken cancellationToken = default) =>
        await access.TokenUserAsync(tokenSha256, time.GetUtcNow(), cancellationToken) is { } userId
            && await access.FindUserAsync(userId, cancellationToken) is { Disabled: false } user
            ? user
            : null;

    /// <summary>Every user, by id.</summary>
    public Task<IReadOnlyList<StaffUser>> UsersAsync(CancellationToken cancellationToken = default) => access.UsersAsync(cancellationToken);

    /// <summary>Every care team with its members and patients, by id.</summary>
    public Task<IReadOnlyList<CareTeam>> TeamsAsync(CancellationToken cancellationToken = default) => access.TeamsAsync(cancellationToken);
}

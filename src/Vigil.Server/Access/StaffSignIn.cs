using Microsoft.Extensions.Options;
using Vigil.Domain.Access;
using Vigil.Platform.Security;
using Vigil.Record.Access;

namespace Vigil.Server.Access;

/// <summary>
/// Local sign-in: the password against its hash, lockout after repeated failures, and a security
/// event for every failure and lockout (T18). An unknown name and a wrong password get the same
/// answer, so names cannot be probed.
/// </summary>
internal sealed class StaffSignIn(IAccessStore access, SecurityEventSink events, TimeProvider time, IOptions<AccessOptions> options)
{
    /// <summary>The event of a failed sign-in.</summary>
    public const string Failed = "sign-in-failed";

    /// <summary>The event of an account locked by failures.</summary>
    public const string Locked = "account-locked";

    /// <summary>Signs a user in: the account, or why not (a message for the person signing in).</summary>
    public async Task<(StaffUser? User, string? Refusal)> SignInAsync(string userId, string password, string source)
    {
        ArgumentNullException.ThrowIfNull(password);
        var user = string.IsNullOrEmpty(userId) ? null : await access.FindUserAsync(userId);
        var now = time.GetUtcNow();
        var matches = StaffPasswords.Verify(user?.PasswordHash, password);
        if (user is { LockedUntil: { } until } && until > now)
        {
            events.Raise(Failed, userId, source, null, $"sign-in to a locked account (locked until {until:u})");
            return (null, $"the account is locked after repeated failures; try again after {until:u} or ask an administrator");
        }

        if (user is null || user.Disabled || !matches)
        {
            events.Raise(Failed, string.IsNullOrEmpty(userId) ? "anonymous" : userId, source, null, user is { Disabled: true } ? "account disabled" : "wrong name or password");
            if (user is { Disabled: false } && await access.FailSignInAsync(user.Id) >= options.Value.LockoutAttempts)
            {
                var lockedUntil = now.AddMinutes(options.Value.LockoutMinutes);
                await access.LockAsync(user.Id, lockedUntil);
                events.Raise(Locked, user.Id, source, null, $"{options.Value.LockoutAttempts} failed sign-ins; locked until {lockedUntil:u}");
            }

            return (null, "wrong name or password");
        }

        if (user.FailedSignIns > 0 || user.LockedUntil is not null)
        {
            await access.ClearSignInFailuresAsync(user.Id);
        }

        return (user, null);
    }
}

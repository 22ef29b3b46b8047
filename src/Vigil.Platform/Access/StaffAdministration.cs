using System.Diagnostics.CodeAnalysis;
using Vigil.Domain.Access;
using Vigil.Domain.Patients;
using Vigil.Platform.UseCases;
using Vigil.Record.Access;

namespace Vigil.Platform.Access;

/// <summary>
/// Staff accounts and care teams, for the CLI, the API and the console alike: accounts are made
/// with a well-formed id and an acceptable password (or none, for single sign-on only), unlocked,
/// switched off and on; teams are made and given members and patients.
/// </summary>
public sealed class StaffAdministration(IAccessStore access, IStaffPasswords passwords, TimeProvider time)
{
    /// <summary>The code of an id that is not 1-64 letters, digits, '-', '_', '.' or '@'.</summary>
    public const string InvalidUser = "invalid-user";

    /// <summary>The code of a role that is none of <see cref="StaffRole"/>.</summary>
    public const string InvalidRole = "invalid-role";

    /// <summary>The code of a password that is too weak.</summary>
    public const string WeakPassword = "weak-password";

    /// <summary>The code of an account id that is taken.</summary>
    public const string UserExists = "user-exists";

    /// <summary>The code of a team id that is taken.</summary>
    public const string TeamExists = "team-exists";

    /// <summary>The code of a user, team or patient that is not known, or of a change that changes nothing.</summary>
    public const string NotFound = "not-found";

    /// <summary>Whether an account id is well formed: 1-64 letters, digits, '-', '_', '.' or '@'.</summary>
    public static bool IsUserId([NotNullWhen(true)] string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@');

    /// <summary>
    /// Creates an account: with a local password when <paramref name="password"/> is given, else
    /// for single sign-on only. A null <paramref name="role"/> is a role that could not be read.
    /// </summary>
    public async Task<UseCaseResult<StaffUser>> AddUserAsync(string id, string name, StaffRole? role, string? password, CancellationToken cancellationToken = default)
    {
        if (!IsUserId(id))
        {
            return UseCaseResult<StaffUser>.Refused(RefusalKind.Invalid, InvalidUser, "a user id is 1-64 letters, digits, '-', '_', '.' or '@'");
        }

        if (role is not { } known)
        {
            return UseCaseResult<StaffUser>.Refused(RefusalKind.Invalid, InvalidRole, "'role' is Clinician, Analyst or Admin");
        }

        if (password is not null && passwords.Weakness(password) is { } weakness)
        {
            return UseCaseResult<StaffUser>.Refused(RefusalKind.Invalid, WeakPassword, weakness);
        }

        var user = new StaffUser(id, name, known, password is null ? null : passwords.Hash(password), 0, null, false, time.GetUtcNow());
        return await access.AddUserAsync(user, cancellationToken)
            ? UseCaseResult<StaffUser>.Done(user)
            : UseCaseResult<StaffUser>.Refused(RefusalKind.Conflict, UserExists, $"user {id} exists");
    }

    /// <summary>Sets a new local password.</summary>
    public async Task<UseCaseResult> SetPasswordAsync(string id, string password, CancellationToken cancellationToken = default)
    {
        if (passwords.Weakness(password) is { } weakness)
        {
            return UseCaseResult.Refused(RefusalKind.Invalid, WeakPassword, weakness);
        }

        return Changed(await access.SetPasswordAsync(id, passwords.Hash(password), cancellationToken), id);
    }

    /// <summary>Clears an account's failed sign-ins and any lockout.</summary>
    public async Task<UseCaseResult> UnlockAsync(string id, CancellationToken cancellationToken = default) =>
        Changed(await access.ClearSignInFailuresAsync(id, cancellationToken), id);

    /// <summary>Switches an account off (its sessions and tokens stop working) or back on.</summary>
    public async Task<UseCaseResult> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken = default) =>
        Changed(await access.SetDisabledAsync(id, disabled, cancellationToken), id);

    /// <summary>Creates a care team.</summary>
    public async Task<UseCaseResult> AddTeamAsync(string id, string name, CancellationToken cancellationToken = default) =>
        await access.AddTeamAsync(id, name, time.GetUtcNow(), cancellationToken)
            ? UseCaseResult.Done
            : UseCaseResult.Refused(RefusalKind.Conflict, TeamExists, $"team {id} exists");

    /// <summary>Puts a user in a team.</summary>
    public async Task<UseCaseResult> AddMemberAsync(string team, string user, CancellationToken cancellationToken = default) =>
        Changed(await access.AddMemberAsync(team, user, cancellationToken), $"{team}/{user}");

    /// <summary>Takes a user out of a team.</summary>
    public async Task<UseCaseResult> RemoveMemberAsync(string team, string user, CancellationToken cancellationToken = default) =>
        Changed(await access.RemoveMemberAsync(team, user, cancellationToken), $"{team}/{user}");

    /// <summary>Puts a patient in a team's care.</summary>
    public async Task<UseCaseResult> AssignPatientAsync(string team, PatientId patient, CancellationToken cancellationToken = default) =>
        Changed(await access.AssignPatientAsync(team, patient, cancellationToken), $"{team}/{patient}");

    /// <summary>Takes a patient out of a team's care.</summary>
    public async Task<UseCaseResult> UnassignPatientAsync(string team, PatientId patient, CancellationToken cancellationToken = default) =>
        Changed(await access.UnassignPatientAsync(team, patient, cancellationToken), $"{team}/{patient}");

    private static UseCaseResult Changed(bool changed, string what) =>
        changed ? UseCaseResult.Done : UseCaseResult.Refused(RefusalKind.NotFound, NotFound, $"{what}: not found, or nothing to change");
}

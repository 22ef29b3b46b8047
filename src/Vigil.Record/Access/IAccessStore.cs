using Vigil.Domain.Access;
using Vigil.Domain.Patients;

namespace Vigil.Record.Access;

/// <summary>
/// Staff accounts, care teams, API tokens, break-glass grants and the log of every access to
/// patient data. Each access is also an entry of the ledger, written in the same transaction.
/// </summary>
public interface IAccessStore
{
    /// <summary>Adds a user; false if the id exists.</summary>
    Task<bool> AddUserAsync(StaffUser user, CancellationToken cancellationToken = default);

    /// <summary>A user, or null.</summary>
    Task<StaffUser?> FindUserAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every user, by id.</summary>
    Task<IReadOnlyList<StaffUser>> UsersAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets a user's password hash; false if there is no such user.</summary>
    Task<bool> SetPasswordAsync(string id, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>Counts a failed sign-in and returns the count since the last good one.</summary>
    Task<int> FailSignInAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Locks a user out until then.</summary>
    Task LockAsync(string id, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Clears failures and any lockout (after a good sign-in, or an administrator's unlock).</summary>
    Task<bool> ClearSignInFailuresAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Switches an account off or on; false if there is no such user.</summary>
    Task<bool> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken = default);

    /// <summary>Adds a care team; false if the id exists.</summary>
    Task<bool> AddTeamAsync(string id, string name, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Adds a user to a team; false if either is unknown.</summary>
    Task<bool> AddMemberAsync(string teamId, string userId, CancellationToken cancellationToken = default);

    /// <summary>Removes a user from a team; false if they were not in it.</summary>
    Task<bool> RemoveMemberAsync(string teamId, string userId, CancellationToken cancellationToken = default);

    /// <summary>Puts a patient in a team's care; false if either is unknown.</summary>
    Task<bool> AssignPatientAsync(string teamId, PatientId patientId, CancellationToken cancellationToken = default);

    /// <summary>Takes a patient out of a team's care; false if they were not in it.</summary>
    Task<bool> UnassignPatientAsync(string teamId, PatientId patientId, CancellationToken cancellationToken = default);

    /// <summary>Every team with its members and patients, by id.</summary>
    Task<IReadOnlyList<CareTeam>> TeamsAsync(CancellationToken cancellationToken = default);

    /// <summary>The patients in the care of any team the user belongs to.</summary>
    Task<IReadOnlySet<PatientId>> PatientsInCareOfAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Stores an API token by its SHA-256 (the token itself is never stored).</summary>
    Task AddTokenAsync(byte[] tokenSha256, string userId, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>The user a token belongs to while it is valid, or null.</summary>
    Task<string?> TokenUserAsync(byte[] tokenSha256, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Revokes a token; false if there was none.</summary>
    Task<bool> RevokeTokenAsync(byte[] tokenSha256, CancellationToken cancellationToken = default);

    /// <summary>Opens a break-glass grant; its reason is sealed under the patient's data key. Returns its number.</summary>
    Task<long> OpenBreakGlassAsync(string userId, PatientId patientId, string reason, DateTimeOffset openedAt, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>The user's grant on the patient that is active now, or null.</summary>
    Task<BreakGlassGrant?> ActiveBreakGlassAsync(string userId, PatientId patientId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The patients the user holds an active grant on now.</summary>
    Task<IReadOnlySet<PatientId>> BreakGlassPatientsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>A grant, or null.</summary>
    Task<BreakGlassGrant?> FindBreakGlassAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Grants newest first, only those not yet reviewed if asked.</summary>
    Task<IReadOnlyList<BreakGlassGrant>> BreakGlassAsync(bool unreviewedOnly = false, int limit = 200, CancellationToken cancellationToken = default);

    /// <summary>Records the review of a grant; false if there is none or it was reviewed already.</summary>
    Task<bool> ReviewBreakGlassAsync(long id, string reviewer, string note, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an access to patient data in the log and the ledger, durably, before the data is
    /// shown; returns its number. If it cannot be recorded, the data must not be shown.
    /// </summary>
    Task<long> RecordAccessAsync(AccessEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Accesses matching a query, newest first.</summary>
    Task<IReadOnlyList<AccessEntry>> AccessesAsync(AccessQuery query, CancellationToken cancellationToken = default);
}

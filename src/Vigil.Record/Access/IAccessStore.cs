namespace Vigil.Record.Access;

/// <summary>
/// Staff accounts, care teams, API tokens, break-glass grants and the log of every access to
/// patient data. Each access is also an entry of the ledger, written in the same transaction.
/// </summary>
public interface IAccessStore
{
    /// <summary>Adds a user; false if the id exists.</summary>
    bool AddUser(StaffUser user);

    /// <summary>A user, or null.</summary>
    StaffUser? FindUser(string id);

    /// <summary>Every user, by id.</summary>
    IReadOnlyList<StaffUser> Users();

    /// <summary>Sets a user's password hash; false if there is no such user.</summary>
    bool SetPassword(string id, string passwordHash);

    /// <summary>Counts a failed sign-in and returns the count since the last good one.</summary>
    int FailSignIn(string id);

    /// <summary>Locks a user out until then.</summary>
    void Lock(string id, DateTimeOffset until);

    /// <summary>Clears failures and any lockout (after a good sign-in, or an administrator's unlock).</summary>
    bool ClearSignInFailures(string id);

    /// <summary>Switches an account off or on; false if there is no such user.</summary>
    bool SetDisabled(string id, bool disabled);

    /// <summary>Adds a care team; false if the id exists.</summary>
    bool AddTeam(string id, string name, DateTimeOffset at);

    /// <summary>Adds a user to a team; false if either is unknown.</summary>
    bool AddMember(string teamId, string userId);

    /// <summary>Removes a user from a team; false if they were not in it.</summary>
    bool RemoveMember(string teamId, string userId);

    /// <summary>Puts a patient in a team's care; false if either is unknown.</summary>
    bool AssignPatient(string teamId, string patientId);

    /// <summary>Takes a patient out of a team's care; false if they were not in it.</summary>
    bool UnassignPatient(string teamId, string patientId);

    /// <summary>Every team with its members and patients, by id.</summary>
    IReadOnlyList<CareTeam> Teams();

    /// <summary>The patients in the care of any team the user belongs to.</summary>
    IReadOnlySet<string> PatientsInCareOf(string userId);

    /// <summary>Stores an API token by its SHA-256 (the token itself is never stored).</summary>
    void AddToken(byte[] tokenSha256, string userId, DateTimeOffset createdAt, DateTimeOffset expiresAt);

    /// <summary>The user a token belongs to while it is valid, or null.</summary>
    string? TokenUser(byte[] tokenSha256, DateTimeOffset now);

    /// <summary>Revokes a token; false if there was none.</summary>
    bool RevokeToken(byte[] tokenSha256);

    /// <summary>Opens a break-glass grant; its reason is sealed under the patient's data key. Returns its number.</summary>
    long OpenBreakGlass(string userId, string patientId, string reason, DateTimeOffset openedAt, DateTimeOffset expiresAt);

    /// <summary>The user's grant on the patient that is active now, or null.</summary>
    BreakGlassGrant? ActiveBreakGlass(string userId, string patientId, DateTimeOffset now);

    /// <summary>The patients the user holds an active grant on now.</summary>
    IReadOnlySet<string> BreakGlassPatients(string userId, DateTimeOffset now);

    /// <summary>A grant, or null.</summary>
    BreakGlassGrant? FindBreakGlass(long id);

    /// <summary>Grants newest first, only those not yet reviewed if asked.</summary>
    IReadOnlyList<BreakGlassGrant> BreakGlass(bool unreviewedOnly = false, int limit = 200);

    /// <summary>Records the review of a grant; false if there is none or it was reviewed already.</summary>
    bool ReviewBreakGlass(long id, string reviewer, string note, DateTimeOffset at);

    /// <summary>
    /// Records an access to patient data in the log and the ledger, durably, before the data is
    /// shown; returns its number. If it cannot be recorded, the data must not be shown.
    /// </summary>
    Task<long> RecordAccessAsync(AccessEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Accesses matching a query, newest first.</summary>
    IReadOnlyList<AccessEntry> Accesses(AccessQuery query);
}

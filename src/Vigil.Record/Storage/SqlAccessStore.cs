using System.Data.Common;
using Vigil.Record.Access;
using Vigil.Record.Encryption;

namespace Vigil.Record.Storage;

/// <summary>
/// Staff accounts, care teams, API tokens, break-glass grants and the access log. Accesses are
/// written by the group committer with their ledger entry; break-glass reasons are sealed under the
/// patient's data key, since what a clinician types about a patient is patient data.
/// </summary>
internal sealed class SqlAccessStore(RecordDatabase database, GroupCommitter committer, RecordCipher cipher) : IAccessStore
{
    private const string UserColumns = "id, display_name, role, password_hash, failed_sign_ins, locked_until, disabled, created_at, stamp";
    private const string GrantColumns = "id, user_id, patient_id, sealed_reason, opened_at, expires_at, reviewed_by, reviewed_at, review_note, sealed_review_note";

    public bool AddUser(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Execute(
            $"INSERT INTO users ({UserColumns}) VALUES (@id, @name, @role, @hash, 0, NULL, @disabled, @at, 0) ON CONFLICT DO NOTHING;",
            ("@id", user.Id), ("@name", user.DisplayName), ("@role", user.Role.ToString()), ("@hash", user.PasswordHash),
            ("@disabled", user.Disabled ? 1 : 0), ("@at", Sql.Ms(user.CreatedAt))) > 0;
    }

    public StaffUser? FindUser(string id) => QueryUsers($"SELECT {UserColumns} FROM users WHERE id = @id;", ("@id", id)).SingleOrDefault();

    public IReadOnlyList<StaffUser> Users() => QueryUsers($"SELECT {UserColumns} FROM users ORDER BY id;");

    public bool SetPassword(string id, string passwordHash) =>
        ChangeAccount("UPDATE users SET password_hash = @hash, stamp = stamp + 1 WHERE id = @id;", ("@id", id), ("@hash", passwordHash));

    public int FailSignIn(string id)
    {
        using var connection = database.Open();
        return (int)Sql.ScalarLong(connection, null, "UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = @id RETURNING failed_sign_ins;", ("@id", id));
    }

    public void Lock(string id, DateTimeOffset until) => Execute("UPDATE users SET locked_until = @until WHERE id = @id;", ("@id", id), ("@until", Sql.Ms(until)));

    public bool ClearSignInFailures(string id) =>
        Execute("UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = @id;", ("@id", id)) > 0;

    public bool SetDisabled(string id, bool disabled) =>
        ChangeAccount("UPDATE users SET disabled = @d, stamp = stamp + 1 WHERE id = @id;", ("@id", id), ("@d", disabled ? 1 : 0));

    // A new password, or an account disabled or enabled again, ends every session of the account:
    // its API tokens are deleted and its stamp moves on, so no cookie signed before is accepted.
    private bool ChangeAccount(string sql, params (string, object?)[] parameters)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var changed = Sql.Execute(connection, transaction, sql, parameters) > 0;
        Sql.Execute(connection, transaction, "DELETE FROM api_tokens WHERE user_id = @id;", parameters.Where(p => p.Item1 == "@id").ToArray());
        transaction.Commit();
        return changed;
    }

    public bool AddTeam(string id, string name, DateTimeOffset at) =>
        Execute("INSERT INTO teams (id, name, created_at) VALUES (@id, @name, @at) ON CONFLICT DO NOTHING;", ("@id", id), ("@name", name), ("@at", Sql.Ms(at))) > 0;

    public bool AddMember(string teamId, string userId) => Execute(
        "INSERT INTO team_members (team_id, user_id) SELECT t.id, u.id FROM teams t, users u WHERE t.id = @t AND u.id = @u ON CONFLICT DO NOTHING;",
        ("@t", teamId), ("@u", userId)) > 0 || Teams().Any(t => t.Id == teamId && t.Members.Contains(userId));

    public bool RemoveMember(string teamId, string userId) =>
        Execute("DELETE FROM team_members WHERE team_id = @t AND user_id = @u;", ("@t", teamId), ("@u", userId)) > 0;

    public bool AssignPatient(string teamId, string patientId) => Execute(
        "INSERT INTO team_patients (team_id, patient_id) SELECT t.id, p.id FROM teams t, patients p WHERE t.id = @t AND p.id = @p ON CONFLICT DO NOTHING;",
        ("@t", teamId), ("@p", patientId)) > 0 || Teams().Any(t => t.Id == teamId && t.Patients.Contains(patientId));

    public bool UnassignPatient(string teamId, string patientId) =>
        Execute("DELETE FROM team_patients WHERE team_id = @t AND patient_id = @p;", ("@t", teamId), ("@p", patientId)) > 0;

    public IReadOnlyList<CareTeam> Teams()
    {
        using var connection = database.Open();
        var members = Sql.Query(connection, null, "SELECT team_id, user_id FROM team_members;", r => (Team: r.GetString(0), Id: r.GetString(1))).ToLookup(m => m.Team, m => m.Id);
        var patients = Sql.Query(connection, null, "SELECT team_id, patient_id FROM team_patients;", r => (Team: r.GetString(0), Id: r.GetString(1))).ToLookup(m => m.Team, m => m.Id);
        return Sql.Query(
            connection, null, "SELECT id, name FROM teams ORDER BY id;",
            r => new CareTeam(r.GetString(0), r.GetString(1), [.. members[r.GetString(0)].Order(StringComparer.Ordinal)], [.. patients[r.GetString(0)].Order(StringComparer.Ordinal)]));
    }

    public IReadOnlySet<string> PatientsInCareOf(string userId)
    {
        using var connection = database.Open();
        return Sql.Query(
            connection, null,
            "SELECT DISTINCT tp.patient_id FROM team_patients tp JOIN team_members tm ON tm.team_id = tp.team_id WHERE tm.user_id = @u;",
            r => r.GetString(0), ("@u", userId)).ToHashSet(StringComparer.Ordinal);
    }

    public void AddToken(byte[] tokenSha256, string userId, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        // The user's expired tokens go as a new one comes, so the table holds live tokens only.
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Sql.Execute(connection, transaction, "DELETE FROM api_tokens WHERE user_id = @u AND expires_at <= @at;", ("@u", userId), ("@at", Sql.Ms(createdAt)));
        Sql.Execute(
            connection, transaction, "INSERT INTO api_tokens (token_sha256, user_id, created_at, expires_at) VALUES (@t, @u, @at, @until);",
            ("@t", tokenSha256), ("@u", userId), ("@at", Sql.Ms(createdAt)), ("@until", Sql.Ms(expiresAt)));
        transaction.Commit();
    }

    public string? TokenUser(byte[] tokenSha256, DateTimeOffset now)
    {
        using var connection = database.Open();
        return Sql.Query(
            connection, null, "SELECT user_id FROM api_tokens WHERE token_sha256 = @t AND expires_at > @now;", r => r.GetString(0),
            ("@t", tokenSha256), ("@now", Sql.Ms(now))).SingleOrDefault();
    }

    public bool RevokeToken(byte[] tokenSha256) => Execute("DELETE FROM api_tokens WHERE token_sha256 = @t;", ("@t", tokenSha256)) > 0;

    public long OpenBreakGlass(string userId, string patientId, string reason, DateTimeOffset openedAt, DateTimeOffset expiresAt)
    {
        cipher.Prepare(patientId);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();

        // The sealed reason is bound to the grant's number, which the database assigns.
        var id = Sql.ScalarLong(
            connection, transaction,
            "INSERT INTO break_glass (user_id, patient_id, sealed_reason, opened_at, expires_at) VALUES (@u, @p, @empty, @at, @until) RETURNING id;",
            ("@u", userId), ("@p", patientId), ("@empty", Array.Empty<byte>()), ("@at", Sql.Ms(openedAt)), ("@until", Sql.Ms(expiresAt)));
        Sql.Execute(
            connection, transaction, "UPDATE break_glass SET sealed_reason = @r WHERE id = @id;",
            ("@r", cipher.Seal(patientId, SealedFields.BreakGlassReason(id), reason)), ("@id", id));
        transaction.Commit();
        return id;
    }

    public BreakGlassGrant? ActiveBreakGlass(string userId, string patientId, DateTimeOffset now) => QueryGrants(
        $"SELECT {GrantColumns} FROM break_glass WHERE user_id = @u AND patient_id = @p AND expires_at > @now ORDER BY id DESC LIMIT 1;",
        ("@u", userId), ("@p", patientId), ("@now", Sql.Ms(now))).SingleOrDefault();

    public IReadOnlySet<string> BreakGlassPatients(string userId, DateTimeOffset now)
    {
        using var connection = database.Open();
        return Sql.Query(
            connection, null, "SELECT DISTINCT patient_id FROM break_glass WHERE user_id = @u AND expires_at > @now;", r => r.GetString(0),
            ("@u", userId), ("@now", Sql.Ms(now))).ToHashSet(StringComparer.Ordinal);
    }

    public BreakGlassGrant? FindBreakGlass(long id) => QueryGrants($"SELECT {GrantColumns} FROM break_glass WHERE id = @id;", ("@id", id)).SingleOrDefault();

    public IReadOnlyList<BreakGlassGrant> BreakGlass(bool unreviewedOnly = false, int limit = 200) => QueryGrants(
        $"SELECT {GrantColumns} FROM break_glass {(unreviewedOnly ? "WHERE reviewed_at IS NULL" : string.Empty)} ORDER BY id DESC LIMIT @limit;", ("@limit", limit));

    // The review note is sealed like the reason: what a reviewer writes about an access to a patient is patient data.
    public bool ReviewBreakGlass(long id, string reviewer, string note, DateTimeOffset at)
    {
        if (FindBreakGlass(id) is not { } grant)
        {
            return false;
        }

        return Execute(
            "UPDATE break_glass SET reviewed_by = @by, reviewed_at = @at, review_note = NULL, sealed_review_note = @note WHERE id = @id AND reviewed_at IS NULL;",
            ("@id", id), ("@by", reviewer), ("@at", Sql.Ms(at)), ("@note", cipher.Seal(grant.PatientId, SealedFields.BreakGlassReviewNote(id), note))) > 0;
    }

    public Task<long> RecordAccessAsync(AccessEntry entry, CancellationToken cancellationToken = default) => committer.RecordAsync(entry, cancellationToken);

    public IReadOnlyList<AccessEntry> Accesses(AccessQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new Filter();
        where.Add("patient_id = @p", "@p", query.PatientId);
        where.Add("user_id = @u", "@u", query.UserId);
        where.Add("purpose = @purpose", "@purpose", query.Purpose);
        using var connection = database.Open();
        return Sql.Query(
            connection, null, $"SELECT id, at, user_id, role, patient_id, what, purpose, break_glass_id FROM access_log {where} ORDER BY id DESC LIMIT @limit;",
            r => new AccessEntry(r.Long(0), r.Time(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.IsDBNull(7) ? null : r.Long(7)),
            [.. where.Parameters, ("@limit", query.Limit)]);
    }

    private int Execute(string sql, params (string, object?)[] parameters)
    {
        using var connection = database.Open();
        return Sql.Execute(connection, null, sql, parameters);
    }

    private List<StaffUser> QueryUsers(string sql, params (string, object?)[] parameters)
    {
        using var connection = database.Open();
        return Sql.Query(
            connection, null, sql,
            r => new StaffUser(
                r.GetString(0), r.GetString(1), Enum.Parse<StaffRole>(r.GetString(2)), r.TextOrNull(3), r.Int(4), r.IsDBNull(5) ? null : r.Time(5), r.Int(6) != 0, r.Time(7)) { Stamp = r.Long(8) },
            parameters);
    }

    private List<BreakGlassGrant> QueryGrants(string sql, params (string, object?)[] parameters)
    {
        using var connection = database.Open();
        return Sql.Query(connection, null, sql, ReadGrant, parameters);
    }

    private BreakGlassGrant ReadGrant(DbDataReader r)
    {
        var id = r.Long(0);
        var patient = r.GetString(2);
        return new BreakGlassGrant(
            id, r.GetString(1), patient, cipher.OpenText(patient, SealedFields.BreakGlassReason(id), r.Bytes(3)), r.Time(4), r.Time(5),
            r.TextOrNull(6), r.IsDBNull(7) ? null : r.Time(7),
            r.IsDBNull(9) ? r.TextOrNull(8) : cipher.OpenText(patient, SealedFields.BreakGlassReviewNote(id), r.Bytes(9)));
    }
}

using System.Data.Common;
using Vigil.Domain.Access;
using Vigil.Domain.Patients;
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

    public async Task<bool> AddUserAsync(StaffUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await ExecuteAsync(
            cancellationToken,
            $"INSERT INTO users ({UserColumns}) VALUES (@id, @name, @role, @hash, 0, NULL, @disabled, @at, 0) ON CONFLICT DO NOTHING;",
            ("@id", user.Id), ("@name", user.DisplayName), ("@role", user.Role.ToString()), ("@hash", user.PasswordHash),
            ("@disabled", user.Disabled ? 1 : 0), ("@at", Sql.Ms(user.CreatedAt))) > 0;
    }

    public async Task<StaffUser?> FindUserAsync(string id, CancellationToken cancellationToken = default) =>
        (await QueryUsersAsync(cancellationToken, $"SELECT {UserColumns} FROM users WHERE id = @id;", ("@id", id))).SingleOrDefault();

    public async Task<IReadOnlyList<StaffUser>> UsersAsync(CancellationToken cancellationToken = default) =>
        await QueryUsersAsync(cancellationToken, $"SELECT {UserColumns} FROM users ORDER BY id;");

    public async Task<bool> SetPasswordAsync(string id, string passwordHash, CancellationToken cancellationToken = default) =>
        await ChangeAccountAsync(cancellationToken, "UPDATE users SET password_hash = @hash, stamp = stamp + 1 WHERE id = @id;", ("@id", id), ("@hash", passwordHash));

    public async Task<int> FailSignInAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (int)await Sql.ScalarLongAsync(connection, null, "UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = @id RETURNING failed_sign_ins;", cancellationToken, ("@id", id));
    }

    public async Task LockAsync(string id, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(cancellationToken, "UPDATE users SET locked_until = @until WHERE id = @id;", ("@id", id), ("@until", Sql.Ms(until)));

    public async Task<bool> ClearSignInFailuresAsync(string id, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(cancellationToken, "UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = @id;", ("@id", id)) > 0;

    public async Task<bool> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken = default) =>
        await ChangeAccountAsync(cancellationToken, "UPDATE users SET disabled = @d, stamp = stamp + 1 WHERE id = @id;", ("@id", id), ("@d", disabled ? 1 : 0));

    // A new password, or an account disabled or enabled again, ends every session of the account:
    // its API tokens are deleted and its stamp moves on, so no cookie signed before is accepted.
    private async Task<bool> ChangeAccountAsync(CancellationToken cancellationToken, string sql, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await Sql.ExecuteAsync(connection, transaction, sql, cancellationToken, parameters) > 0;
        await Sql.ExecuteAsync(connection, transaction, "DELETE FROM api_tokens WHERE user_id = @id;", cancellationToken, parameters.Where(p => p.Item1 == "@id").ToArray());
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    public async Task<bool> AddTeamAsync(string id, string name, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(cancellationToken, "INSERT INTO teams (id, name, created_at) VALUES (@id, @name, @at) ON CONFLICT DO NOTHING;", ("@id", id), ("@name", name), ("@at", Sql.Ms(at))) > 0;

    public async Task<bool> AddMemberAsync(string teamId, string userId, CancellationToken cancellationToken = default) => await ExecuteAsync(
        cancellationToken,
        "INSERT INTO team_members (team_id, user_id) SELECT t.id, u.id FROM teams t, users u WHERE t.id = @t AND u.id = @u ON CONFLICT DO NOTHING;",
        ("@t", teamId), ("@u", userId)) > 0 || (await TeamsAsync(cancellationToken)).Any(t => t.Id == teamId && t.Members.Contains(userId));

    public async Task<bool> RemoveMemberAsync(string teamId, string userId, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(cancellationToken, "DELETE FROM team_members WHERE team_id = @t AND user_id = @u;", ("@t", teamId), ("@u", userId)) > 0;

    public async Task<bool> AssignPatientAsync(string teamId, PatientId patientId, CancellationToken cancellationToken = default) => await ExecuteAsync(
        cancellationToken,
        "INSERT INTO team_patients (team_id, patient_id) SELECT t.id, p.id FROM teams t, patients p WHERE t.id = @t AND p.id = @p ON CONFLICT DO NOTHING;",
        ("@t", teamId), ("@p", patientId.Value)) > 0 || (await TeamsAsync(cancellationToken)).Any(t => t.Id == teamId && t.Patients.Contains(patientId));

    public async Task<bool> UnassignPatientAsync(string teamId, PatientId patientId, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(cancellationToken, "DELETE FROM team_patients WHERE team_id = @t AND patient_id = @p;", ("@t", teamId), ("@p", patientId.Value)) > 0;

    public async Task<IReadOnlyList<CareTeam>> TeamsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var members = (await Sql.QueryAsync(connection, null, "SELECT team_id, user_id FROM team_members;", r => (Team: r.GetString(0), Id: r.GetString(1)), cancellationToken)).ToLookup(m => m.Team, m => m.Id);
        var patients = (await Sql.QueryAsync(connection, null, "SELECT team_id, patient_id FROM team_patients;", r => (Team: r.GetString(0), Id: PatientId.Parse(r.GetString(1))), cancellationToken)).ToLookup(m => m.Team, m => m.Id);
        return await Sql.QueryAsync(
            connection, null, "SELECT id, name FROM teams ORDER BY id;",
            r => new CareTeam(r.GetString(0), r.GetString(1), [.. members[r.GetString(0)].Order(StringComparer.Ordinal)], [.. patients[r.GetString(0)].OrderBy(p => p.Value, StringComparer.Ordinal)]), cancellationToken);
    }

    public async Task<IReadOnlySet<PatientId>> PatientsInCareOfAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await Sql.QueryAsync(
            connection, null,
            "SELECT DISTINCT tp.patient_id FROM team_patients tp JOIN team_members tm ON tm.team_id = tp.team_id WHERE tm.user_id = @u;",
            r => PatientId.Parse(r.GetString(0)), cancellationToken, ("@u", userId))).ToHashSet();
    }

    public async Task AddTokenAsync(byte[] tokenSha256, string userId, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        // The user's expired tokens go as a new one comes, so the table holds live tokens only.
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Sql.ExecuteAsync(connection, transaction, "DELETE FROM api_tokens WHERE user_id = @u AND expires_at <= @at;", cancellationToken, ("@u", userId), ("@at", Sql.Ms(createdAt)));
        await Sql.ExecuteAsync(
            connection, transaction, "INSERT INTO api_tokens (token_sha256, user_id, created_at, expires_at) VALUES (@t, @u, @at, @until);", cancellationToken,
            ("@t", tokenSha256), ("@u", userId), ("@at", Sql.Ms(createdAt)), ("@until", Sql.Ms(expiresAt)));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<string?> TokenUserAsync(byte[] tokenSha256, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await Sql.QueryAsync(
            connection, null, "SELECT user_id FROM api_tokens WHERE token_sha256 = @t AND expires_at > @now;", r => r.GetString(0), cancellationToken,
            ("@t", tokenSha256), ("@now", Sql.Ms(now)))).SingleOrDefault();
    }

    public async Task<bool> RevokeTokenAsync(byte[] tokenSha256, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(cancellationToken, "DELETE FROM api_tokens WHERE token_sha256 = @t;", ("@t", tokenSha256)) > 0;

    public async Task<long> OpenBreakGlassAsync(string userId, PatientId patientId, string reason, DateTimeOffset openedAt, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        cipher.Prepare(patientId.Value);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The sealed reason is bound to the grant's number, which the database assigns.
        var id = await Sql.ScalarLongAsync(
            connection, transaction,
            "INSERT INTO break_glass (user_id, patient_id, sealed_reason, opened_at, expires_at) VALUES (@u, @p, @empty, @at, @until) RETURNING id;", cancellationToken,
            ("@u", userId), ("@p", patientId.Value), ("@empty", Array.Empty<byte>()), ("@at", Sql.Ms(openedAt)), ("@until", Sql.Ms(expiresAt)));
        await Sql.ExecuteAsync(
            connection, transaction, "UPDATE break_glass SET sealed_reason = @r WHERE id = @id;", cancellationToken,
            ("@r", cipher.Seal(patientId.Value, SealedFields.BreakGlassReason(id), reason)), ("@id", id));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<BreakGlassGrant?> ActiveBreakGlassAsync(string userId, PatientId patientId, DateTimeOffset now, CancellationToken cancellationToken = default) => (await QueryGrantsAsync(
        cancellationToken,
        $"SELECT {GrantColumns} FROM break_glass WHERE user_id = @u AND patient_id = @p AND expires_at > @now ORDER BY id DESC LIMIT 1;",
        ("@u", userId), ("@p", patientId.Value), ("@now", Sql.Ms(now)))).SingleOrDefault();

    public async Task<IReadOnlySet<PatientId>> BreakGlassPatientsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await Sql.QueryAsync(
            connection, null, "SELECT DISTINCT patient_id FROM break_glass WHERE user_id = @u AND expires_at > @now;", r => PatientId.Parse(r.GetString(0)), cancellationToken,
            ("@u", userId), ("@now", Sql.Ms(now)))).ToHashSet();
    }

    public async Task<BreakGlassGrant?> FindBreakGlassAsync(long id, CancellationToken cancellationToken = default) =>
        (await QueryGrantsAsync(cancellationToken, $"SELECT {GrantColumns} FROM break_glass WHERE id = @id;", ("@id", id))).SingleOrDefault();

    public async Task<IReadOnlyList<BreakGlassGrant>> BreakGlassAsync(bool unreviewedOnly = false, int limit = 200, CancellationToken cancellationToken = default) => (await QueryGrantsAsync(
        cancellationToken,
        $"SELECT {GrantColumns} FROM break_glass {(unreviewedOnly ? "WHERE reviewed_at IS NULL" : string.Empty)} ORDER BY id DESC LIMIT @limit;", ("@limit", limit)));

    // The review note is sealed like the reason: what a reviewer writes about an access to a patient is patient data.
    public async Task<bool> ReviewBreakGlassAsync(long id, string reviewer, string note, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (await FindBreakGlassAsync(id, cancellationToken) is not { } grant)
        {
            return false;
        }

        return await ExecuteAsync(
            cancellationToken,
            "UPDATE break_glass SET reviewed_by = @by, reviewed_at = @at, review_note = NULL, sealed_review_note = @note WHERE id = @id AND reviewed_at IS NULL;",
            ("@id", id), ("@by", reviewer), ("@at", Sql.Ms(at)), ("@note", cipher.Seal(grant.PatientId.Value, SealedFields.BreakGlassReviewNote(id), note))) > 0;
    }

    public Task<long> RecordAccessAsync(AccessEntry entry, CancellationToken cancellationToken = default) => committer.RecordAsync(entry, cancellationToken);

    public async Task<IReadOnlyList<AccessEntry>> AccessesAsync(AccessQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new Filter();
        where.Add("patient_id = @p", "@p", query.PatientId?.Value);
        where.Add("user_id = @u", "@u", query.UserId);
        where.Add("purpose = @purpose", "@purpose", query.Purpose);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.QueryAsync(
            connection, null, $"SELECT id, at, user_id, role, patient_id, what, purpose, break_glass_id FROM access_log {where} ORDER BY id DESC LIMIT @limit;",
            r => new AccessEntry(r.Long(0), r.Time(1), r.GetString(2), r.GetString(3), PatientId.Parse(r.GetString(4)), r.GetString(5), r.GetString(6), r.IsDBNull(7) ? null : r.Long(7)), cancellationToken,
            [.. where.Parameters, ("@limit", query.Limit)]);
    }

    private async Task<int> ExecuteAsync(CancellationToken cancellationToken, string sql, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.ExecuteAsync(connection, null, sql, cancellationToken, parameters);
    }

    private async Task<List<StaffUser>> QueryUsersAsync(CancellationToken cancellationToken, string sql, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.QueryAsync(
            connection, null, sql,
            r => new StaffUser(
                r.GetString(0), r.GetString(1), Enum.Parse<StaffRole>(r.GetString(2)), r.TextOrNull(3), r.Int(4), r.IsDBNull(5) ? null : r.Time(5), r.Int(6) != 0, r.Time(7)) { Stamp = r.Long(8) }, cancellationToken,
            parameters);
    }

    private async Task<List<BreakGlassGrant>> QueryGrantsAsync(CancellationToken cancellationToken, string sql, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Sql.QueryAsync(connection, null, sql, ReadGrant, cancellationToken, parameters);
    }

    private BreakGlassGrant ReadGrant(DbDataReader r)
    {
        var id = r.Long(0);
        var patient = r.GetString(2);
        return new BreakGlassGrant(
            id, r.GetString(1), PatientId.Parse(patient), cipher.OpenText(patient, SealedFields.BreakGlassReason(id), r.Bytes(3)), r.Time(4), r.Time(5),
            r.TextOrNull(6), r.IsDBNull(7) ? null : r.Time(7),
            r.IsDBNull(9) ? r.TextOrNull(8) : cipher.OpenText(patient, SealedFields.BreakGlassReviewNote(id), r.Bytes(9)));
    }
}

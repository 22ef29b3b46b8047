using Vigil.Platform.Queries;
using Vigil.Record;
using Vigil.Record.Access;
using Vigil.Server.Access;
using Vigil.Server.Http.Api;

namespace Vigil.Server.Http;

/// <summary>
/// The administrators' API: users (create, unlock, disable), care teams (members and patients),
/// and rotation of the record's key-encryption key. No patient data is shown here: teams list
/// patient ids, which are pseudonyms.
/// </summary>
public static class AdminEndpoints
{
    /// <summary>Maps the administration endpoints.</summary>
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(VigilAuthentication.Administrators);
        api.MapGet("/users", async (StaffDirectory staff) => Results.Ok((await staff.UsersAsync()).Select(UserView.Of).ToList()));
        api.MapPost("/users", AddUserAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/users/{id}/{action}", async (string id, string action, IAccessStore access) => action switch
        {
            "unlock" => Done(await access.ClearSignInFailuresAsync(id), id),
            "disable" => Done(await access.SetDisabledAsync(id, true), id),
            "enable" => Done(await access.SetDisabledAsync(id, false), id),
            _ => ApiProblem.Of(StatusCodes.Status400BadRequest, "unknown-action", $"'{action}' is not unlock, disable or enable"),
        });
        api.MapGet("/teams", async (StaffDirectory staff) => Results.Ok(await staff.TeamsAsync()));
        api.MapPost("/teams", async (CareTeam? body, IAccessStore access, TimeProvider time) =>
            body is { Id: { Length: > 0 and <= 64 } id, Name: { Length: > 0 and <= 200 } name }
                ? await access.AddTeamAsync(id, name, time.GetUtcNow())
                    ? Results.Created($"/api/v1/teams/{id}", (await access.TeamsAsync()).Single(t => t.Id == id))
                    : ApiProblem.Of(StatusCodes.Status409Conflict, "team-exists", $"team {id} exists")
                : ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid-team", "a team needs 'id' and 'name'"));
        api.MapPut("/teams/{team}/members/{user}", async (string team, string user, IAccessStore access) => Done(await access.AddMemberAsync(team, user), $"{team}/{user}"));
        api.MapDelete("/teams/{team}/members/{user}", async (string team, string user, IAccessStore access) => Done(await access.RemoveMemberAsync(team, user), $"{team}/{user}"));
        api.MapPut("/teams/{team}/patients/{patient}", async (string team, string patient, IAccessStore access) => Done(await access.AssignPatientAsync(team, patient), $"{team}/{patient}"));
        api.MapDelete("/teams/{team}/patients/{patient}", async (string team, string patient, IAccessStore access) => Done(await access.UnassignPatientAsync(team, patient), $"{team}/{patient}"));
        api.MapGet("/registry/patients", async (PatientViews patients) => Results.Ok((await patients.ListAsync()).Select(p => new { p.Id, p.AddedAt, p.Devices })));
        api.MapPost("/keys/rotate", (RecordStore record) => Results.Ok(record.Cipher.Keys.Rotate()));
        return app;
    }

    private static async Task<IResult> AddUserAsync(UserRequest? body, IAccessStore access, TimeProvider time)
    {
        if (body is not { Id: { Length: > 0 and <= 64 } id, Name: { Length: > 0 and <= 200 } name } || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@'))
        {
            return ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid-user", "a user needs 'id' (letters, digits, '-', '_', '.', '@') and 'name'");
        }

        if (!Enum.TryParse<StaffRole>(body.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role) || int.TryParse(body.Role, out _))
        {
            return ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid-role", "'role' is Clinician, Analyst or Admin");
        }

        if (body.Password is { } password && StaffPasswords.Weakness(password) is { } weakness)
        {
            return ApiProblem.Of(StatusCodes.Status400BadRequest, "weak-password", weakness);
        }

        var user = new StaffUser(id, name, role, body.Password is { } p ? StaffPasswords.Hash(p) : null, 0, null, false, time.GetUtcNow());
        return await access.AddUserAsync(user)
            ? Results.Created($"/api/v1/users/{id}", UserView.Of(user))
            : ApiProblem.Of(StatusCodes.Status409Conflict, "user-exists", $"user {id} exists");
    }

    private static IResult Done(bool changed, string what) =>
        changed ? Results.NoContent() : ApiProblem.Of(StatusCodes.Status404NotFound, "not-found", $"{what}: not found, or nothing to change");
}

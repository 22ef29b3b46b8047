using Vigil.Record;
using Vigil.Record.Access;
using Vigil.Record.Registry;
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
        api.MapGet("/users", (IAccessStore access) => Results.Ok(access.Users().Select(UserView.Of).ToList()));
        api.MapPost("/users", AddUser).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/users/{id}/{action}", (string id, string action, IAccessStore access) => action switch
        {
            "unlock" => Done(access.ClearSignInFailures(id), id),
            "disable" => Done(access.SetDisabled(id, true), id),
            "enable" => Done(access.SetDisabled(id, false), id),
            _ => ApiProblem.Of(StatusCodes.Status400BadRequest, "unknown-action", $"'{action}' is not unlock, disable or enable"),
        });
        api.MapGet("/teams", (IAccessStore access) => Results.Ok(access.Teams()));
        api.MapPost("/teams", (CareTeam? body, IAccessStore access, TimeProvider time) =>
            body is { Id: { Length: > 0 and <= 64 } id, Name: { Length: > 0 and <= 200 } name }
                ? access.AddTeam(id, name, time.GetUtcNow())
                    ? Results.Created($"/api/v1/teams/{id}", access.Teams().Single(t => t.Id == id))
                    : ApiProblem.Of(StatusCodes.Status409Conflict, "team-exists", $"team {id} exists")
                : ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid-team", "a team needs 'id' and 'name'"));
        api.MapPut("/teams/{team}/members/{user}", (string team, string user, IAccessStore access) => Done(access.AddMember(team, user), $"{team}/{user}"));
        api.MapDelete("/teams/{team}/members/{user}", (string team, string user, IAccessStore access) => Done(access.RemoveMember(team, user), $"{team}/{user}"));
        api.MapPut("/teams/{team}/patients/{patient}", (string team, string patient, IAccessStore access) => Done(access.AssignPatient(team, patient), $"{team}/{patient}"));
        api.MapDelete("/teams/{team}/patients/{patient}", (string team, string patient, IAccessStore access) => Done(access.UnassignPatient(team, patient), $"{team}/{patient}"));
        api.MapGet("/registry/patients", (IRegistry registry) => Results.Ok(registry.ListPatients().Select(p => new { p.Id, p.AddedAt, p.Devices })));
        api.MapPost("/keys/rotate", (RecordStore record) => Results.Ok(record.Cipher.Keys.Rotate()));
        return app;
    }

    private static IResult AddUser(UserRequest? body, IAccessStore access, TimeProvider time)
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
        return access.AddUser(user)
            ? Results.Created($"/api/v1/users/{id}", UserView.Of(user))
            : ApiProblem.Of(StatusCodes.Status409Conflict, "user-exists", $"user {id} exists");
    }

    private static IResult Done(bool changed, string what) =>
        changed ? Results.NoContent() : ApiProblem.Of(StatusCodes.Status404NotFound, "not-found", $"{what}: not found, or nothing to change");
}

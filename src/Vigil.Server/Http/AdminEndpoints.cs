using Vigil.Domain.Access;
using Vigil.Domain.Patients;
using Vigil.Platform.Access;
using Vigil.Platform.Keys;
using Vigil.Platform.Queries;
using Vigil.Platform.UseCases;
using Vigil.Server.Access;
using Vigil.Server.Http.Api;

namespace Vigil.Server.Http;

/// <summary>
/// The administrators' API: users (create, unlock, disable), care teams (members and patients),
/// and rotation of the record's key-encryption key. No patient data is shown here: teams list
/// patient ids, which are pseudonyms.
/// </summary>
internal static class AdminEndpoints
{
    /// <summary>Maps the administration endpoints.</summary>
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(VigilAuthentication.Administrators);
        api.MapGet("/users", async (StaffDirectory staff) => Results.Ok((await staff.UsersAsync()).Select(UserView.Of).ToList()));
        api.MapPost("/users", AddUserAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/users/{id}/{action}", async (string id, string action, StaffAdministration staff) => action switch
        {
            "unlock" => Done(await staff.UnlockAsync(id)),
            "disable" => Done(await staff.SetDisabledAsync(id, true)),
            "enable" => Done(await staff.SetDisabledAsync(id, false)),
            _ => ApiProblem.Of(StatusCodes.Status400BadRequest, "unknown-action", $"'{action}' is not unlock, disable or enable"),
        });
        api.MapGet("/teams", async (StaffDirectory directory) => Results.Ok(await directory.TeamsAsync()));
        api.MapPost("/teams", async (CareTeam? body, StaffAdministration staff, StaffDirectory directory) =>
            body is { Id: { Length: > 0 and <= 64 } id, Name: { Length: > 0 and <= 200 } name }
                ? await staff.AddTeamAsync(id, name) is { Refusal: { } refusal }
                    ? ApiProblem.Of(refusal)
                    : Results.Created($"/api/v1/teams/{id}", (await directory.TeamsAsync()).Single(t => t.Id == id))
                : ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid-team", "a team needs 'id' and 'name'"));
        api.MapPut("/teams/{team}/members/{user}", async (string team, string user, StaffAdministration staff) => Done(await staff.AddMemberAsync(team, user)));
        api.MapDelete("/teams/{team}/members/{user}", async (string team, string user, StaffAdministration staff) => Done(await staff.RemoveMemberAsync(team, user)));
        api.MapPut("/teams/{team}/patients/{patient}", async (string team, string patient, StaffAdministration staff) =>
            PatientId.TryParse(patient, out var id) ? Done(await staff.AssignPatientAsync(team, id)) : PatientEndpoints.InvalidPatient());
        api.MapDelete("/teams/{team}/patients/{patient}", async (string team, string patient, StaffAdministration staff) =>
            PatientId.TryParse(patient, out var id) ? Done(await staff.UnassignPatientAsync(team, id)) : PatientEndpoints.InvalidPatient());
        api.MapGet("/registry/patients", async (PatientViews patients) => Results.Ok((await patients.ListAsync()).Select(p => new { p.Id, p.AddedAt, p.Devices })));
        api.MapPost("/keys/rotate", (KeyRotation keys) => Results.Ok(keys.Rotate()));
        return app;
    }

    private static async Task<IResult> AddUserAsync(UserRequest? body, StaffAdministration staff)
    {
        if (body is not { Id: { } id, Name: { Length: > 0 and <= 200 } name } || !StaffAdministration.IsUserId(id))
        {
            return ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid-user", "a user needs 'id' (letters, digits, '-', '_', '.', '@') and 'name'");
        }

        StaffRole? role = Enum.TryParse<StaffRole>(body.Role, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(body.Role, out _) ? parsed : null;
        var added = await staff.AddUserAsync(id, name, role, body.Password);
        return added.Refusal is { } refusal ? ApiProblem.Of(refusal) : Results.Created($"/api/v1/users/{id}", UserView.Of(added.Value!));
    }

    private static IResult Done(UseCaseResult result) => result.Refusal is { } refusal ? ApiProblem.Of(refusal) : Results.NoContent();
}

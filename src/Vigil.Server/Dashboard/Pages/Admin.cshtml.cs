using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Platform.Queries;
using Vigil.Record.Access;
using Vigil.Server.Access;

namespace Vigil.Server.Dashboard.Pages;

/// <summary>Administrators' page: users (add, unlock, disable), care teams and who and whom they hold. Patient ids only: no patient data.</summary>
[Authorize(Policy = VigilAuthentication.Administrators)]
public sealed class AdminModel(StaffDirectory staff, PatientViews patients, IAccessStore access, TimeProvider time) : PageModel
{
    /// <summary>The users.</summary>
    public IReadOnlyList<StaffUser> Users { get; private set; } = [];

    /// <summary>The teams.</summary>
    public IReadOnlyList<CareTeam> Teams { get; private set; } = [];

    /// <summary>The patients' ids (pseudonyms).</summary>
    public IReadOnlyList<string> PatientIds { get; private set; } = [];

    /// <summary>The user acted on.</summary>
    [BindProperty]
    public string? TargetUser { get; set; }

    /// <summary>unlock, disable or enable.</summary>
    [BindProperty]
    public string? UserAction { get; set; }

    /// <summary>New user's id.</summary>
    [BindProperty]
    public string? NewId { get; set; }

    /// <summary>New user's name.</summary>
    [BindProperty]
    public string? NewName { get; set; }

    /// <summary>New user's role.</summary>
    [BindProperty]
    public StaffRole NewRole { get; set; }

    /// <summary>New user's password.</summary>
    [BindProperty]
    public string? NewPassword { get; set; }

    /// <summary>The team.</summary>
    [BindProperty]
    public string? TeamId { get; set; }

    /// <summary>The new team's name.</summary>
    [BindProperty]
    public string? TeamName { get; set; }

    /// <summary>A user to put in the team.</summary>
    [BindProperty]
    public string? LinkUser { get; set; }

    /// <summary>A patient to put in the team's care.</summary>
    [BindProperty]
    public string? LinkPatient { get; set; }

    /// <summary>What the last action said.</summary>
    public string? Message { get; private set; }

    /// <summary>Whether it was a refusal.</summary>
    public bool MessageIsError { get; private set; }

    /// <summary>Shows users and teams.</summary>
    public async Task OnGetAsync()
    {
        Users = await staff.UsersAsync();
        Teams = await staff.TeamsAsync();
        PatientIds = [.. (await patients.ListAsync()).Select(p => p.Id)];
    }

    /// <summary>Unlocks, disables or enables a user.</summary>
    public async Task<IActionResult> OnPostUserAsync() => await DoneAsync(
        UserAction switch
        {
            "unlock" => await access.ClearSignInFailuresAsync(TargetUser ?? string.Empty),
            "disable" => await access.SetDisabledAsync(TargetUser ?? string.Empty, true),
            "enable" => await access.SetDisabledAsync(TargetUser ?? string.Empty, false),
            _ => false,
        },
        $"{UserAction}: {TargetUser}.");

    /// <summary>Adds a user.</summary>
    public async Task<IActionResult> OnPostAddUserAsync()
    {
        if (NewId is not { Length: > 0 and <= 64 } id || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@') || NewName is not { Length: > 0 } name)
        {
            return await DoneAsync(false, "A user needs an id (letters, digits, '-', '_', '.', '@') and a name.");
        }

        if (StaffPasswords.Weakness(NewPassword ?? string.Empty) is { } weakness)
        {
            return await DoneAsync(false, weakness + ".");
        }

        return await DoneAsync(await access.AddUserAsync(new StaffUser(id, name, NewRole, StaffPasswords.Hash(NewPassword!), 0, null, false, time.GetUtcNow())), $"Added {NewRole.ToString().ToLowerInvariant()} {id}.", $"User {id} exists.");
    }

    /// <summary>Adds a team.</summary>
    public async Task<IActionResult> OnPostAddTeamAsync() =>
        await DoneAsync(TeamId is { Length: > 0 and <= 64 } && TeamName is { Length: > 0 } && await access.AddTeamAsync(TeamId, TeamName, time.GetUtcNow()), $"Added team {TeamId}.", $"Team {TeamId} exists, or the form is incomplete.");

    /// <summary>Puts a user or a patient in a team.</summary>
    public async Task<IActionResult> OnPostLinkAsync()
    {
        var team = TeamId ?? string.Empty;
        var ok = (string.IsNullOrWhiteSpace(LinkUser) || await access.AddMemberAsync(team, LinkUser.Trim()))
            && (string.IsNullOrWhiteSpace(LinkPatient) || await access.AssignPatientAsync(team, LinkPatient.Trim()))
            && !(string.IsNullOrWhiteSpace(LinkUser) && string.IsNullOrWhiteSpace(LinkPatient));
        return await DoneAsync(ok, $"Team {team} updated.", $"Team {team}, the user or the patient is not known.");
    }

    private async Task<PageResult> DoneAsync(bool ok, string message, string? failure = null)
    {
        (Message, MessageIsError) = ok ? (message, false) : (failure ?? message, true);
        await OnGetAsync();
        return Page();
    }
}

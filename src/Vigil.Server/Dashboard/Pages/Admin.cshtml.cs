using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Domain.Access;
using Vigil.Domain.Patients;
using Vigil.Platform.Access;
using Vigil.Platform.Queries;
using Vigil.Server.Access;

namespace Vigil.Server.Dashboard.Pages;

/// <summary>Administrators' page: users (add, unlock, disable), care teams and who and whom they hold. Patient ids only: no patient data.</summary>
[Authorize(Policy = VigilAuthentication.Administrators)]
internal sealed class AdminModel(StaffDirectory directory, PatientViews patients, StaffAdministration staff) : PageModel
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
        Users = await directory.UsersAsync();
        Teams = await directory.TeamsAsync();
        PatientIds = [.. (await patients.ListAsync()).Select(p => p.Id.Value)];
    }

    /// <summary>Unlocks, disables or enables a user.</summary>
    public async Task<IActionResult> OnPostUserAsync() => await DoneAsync(
        UserAction switch
        {
            "unlock" => (await staff.UnlockAsync(TargetUser ?? string.Empty)).IsDone,
            "disable" => (await staff.SetDisabledAsync(TargetUser ?? string.Empty, true)).IsDone,
            "enable" => (await staff.SetDisabledAsync(TargetUser ?? string.Empty, false)).IsDone,
            _ => false,
        },
        $"{UserAction}: {TargetUser}.");

    /// <summary>Adds a user.</summary>
    public async Task<IActionResult> OnPostAddUserAsync()
    {
        if (!StaffAdministration.IsUserId(NewId) || NewName is not { Length: > 0 } name)
        {
            return await DoneAsync(false, "A user needs an id (letters, digits, '-', '_', '.', '@') and a name.");
        }

        var added = await staff.AddUserAsync(NewId, name, NewRole, NewPassword ?? string.Empty);
        return await DoneAsync(
            added.IsDone,
            $"Added {NewRole.ToString().ToLowerInvariant()} {NewId}.",
            added.Refusal?.Code == StaffAdministration.WeakPassword ? added.Refusal.Message + "." : $"User {NewId} exists.");
    }

    /// <summary>Adds a team.</summary>
    public async Task<IActionResult> OnPostAddTeamAsync() =>
        await DoneAsync(TeamId is { Length: > 0 and <= 64 } && TeamName is { Length: > 0 } && (await staff.AddTeamAsync(TeamId, TeamName)).IsDone, $"Added team {TeamId}.", $"Team {TeamId} exists, or the form is incomplete.");

    /// <summary>Puts a user or a patient in a team.</summary>
    public async Task<IActionResult> OnPostLinkAsync()
    {
        var team = TeamId ?? string.Empty;
        var ok = (string.IsNullOrWhiteSpace(LinkUser) || (await staff.AddMemberAsync(team, LinkUser.Trim())).IsDone)
            && (string.IsNullOrWhiteSpace(LinkPatient) || (PatientId.TryParse(LinkPatient.Trim(), out var patient) && (await staff.AssignPatientAsync(team, patient)).IsDone))
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

using Vigil.Domain.Access;
using Vigil.Platform.Access;
using Vigil.Platform.Queries;

namespace Vigil.Cli.Simulation;

/// <summary>
/// The demo's staff: one account per role, with a fresh random password every run (printed
/// once), and a care team holding every patient, so that the clinician sees the fleet and the
/// attack lab's patients.
/// </summary>
internal static class DemoStaff
{
    public const string Team = "demo-ward";

    /// <summary>Creates the accounts if missing, sets new passwords, and returns (role, user, password).</summary>
    public static async Task<IReadOnlyList<(StaffRole Role, string User, string Password)>> ResetAsync(StaffAdministration staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        await staff.AddTeamAsync(Team, "Demo ward");
        var accounts = new List<(StaffRole, string, string)>();
        foreach (var (role, user, name) in new[]
        {
            (StaffRole.Clinician, "clinician", "Dr Demo (clinician)"),
            (StaffRole.Analyst, "analyst", "Sam Demo (security analyst)"),
            (StaffRole.Admin, "admin", "Alex Demo (administrator)"),
        })
        {
            var password = Commands.UserCommand.NewPassword();
            if (!(await staff.AddUserAsync(user, name, role, password)).IsDone)
            {
                await staff.SetPasswordAsync(user, password);
                await staff.UnlockAsync(user);
                await staff.SetDisabledAsync(user, false);
            }

            accounts.Add((role, user, password));
        }

        await staff.AddMemberAsync(Team, "clinician");
        return accounts;
    }

    /// <summary>Puts every patient not yet in the demo ward in its care.</summary>
    public static async Task CareForEveryoneAsync(StaffAdministration staff, StaffDirectory directory, PatientViews patients)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(patients);
        var cared = (await directory.TeamsAsync()).FirstOrDefault(t => t.Id == Team)?.Patients.ToHashSet() ?? [];
        foreach (var patient in (await patients.ListAsync()).Where(p => !cared.Contains(p.Id)))
        {
            await staff.AssignPatientAsync(Team, patient.Id);
        }
    }
}

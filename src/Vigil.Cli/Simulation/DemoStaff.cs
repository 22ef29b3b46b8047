using Vigil.Domain.Access;
using Vigil.Record.Access;
using Vigil.Record.Registry;
using Vigil.Server.Access;

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
    public static async Task<IReadOnlyList<(StaffRole Role, string User, string Password)>> ResetAsync(IAccessStore access, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(access);
        await access.AddTeamAsync(Team, "Demo ward", now);
        var accounts = new List<(StaffRole, string, string)>();
        foreach (var (role, user, name) in new[]
        {
            (StaffRole.Clinician, "clinician", "Dr Demo (clinician)"),
            (StaffRole.Analyst, "analyst", "Sam Demo (security analyst)"),
            (StaffRole.Admin, "admin", "Alex Demo (administrator)"),
        })
        {
            var password = Commands.UserCommand.NewPassword();
            if (!await access.AddUserAsync(new StaffUser(user, name, role, StaffPasswords.Hash(password), 0, null, false, now)))
            {
                await access.SetPasswordAsync(user, StaffPasswords.Hash(password));
                await access.ClearSignInFailuresAsync(user);
                await access.SetDisabledAsync(user, false);
            }

            accounts.Add((role, user, password));
        }

        await access.AddMemberAsync(Team, "clinician");
        return accounts;
    }

    /// <summary>Puts every patient not yet in the demo ward in its care.</summary>
    public static async Task CareForEveryoneAsync(IAccessStore access, IRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(registry);
        var cared = (await access.TeamsAsync()).FirstOrDefault(t => t.Id == Team)?.Patients.ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var patient in (await registry.ListPatientsAsync()).Where(p => !cared.Contains(p.Id)))
        {
            await access.AssignPatientAsync(Team, patient.Id);
        }
    }
}

using Vigil.Domain.Access;
using Vigil.Domain.Patients;
using Vigil.Platform.Access;
using Vigil.Platform.UseCases;

namespace Vigil.Platform.Tests.UseCases;

public sealed class StaffAdministrationTests
{
    private const string GoodPassword = "a long enough passphrase";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("bad id!", "Clinician", GoodPassword, StaffAdministration.InvalidUser)]
    [InlineData("", "Clinician", GoodPassword, StaffAdministration.InvalidUser)]
    [InlineData("ok-id", null, GoodPassword, StaffAdministration.InvalidRole)]
    [InlineData("ok-id", "Analyst", "short", StaffAdministration.WeakPassword)]
    public async Task AddUserAsync_WhatIsNotWellFormed_IsRefusedAndNoAccountIsMade(string id, string? role, string password, string code)
    {
        await using var harness = new IngestHarness();

        var result = await harness.Get<StaffAdministration>().AddUserAsync(id, "Someone", role is null ? null : Enum.Parse<StaffRole>(role), password, Ct);

        Assert.Equal((RefusalKind.Invalid, code), (result.Refusal?.Kind, result.Refusal?.Code));
        Assert.Empty(await harness.Record.Access.UsersAsync(Ct));
    }

    [Fact]
    public async Task AddUserAsync_TakenId_IsAConflict_AndTheFirstAccountKeepsItsPassword()
    {
        await using var harness = new IngestHarness();
        var staff = harness.Get<StaffAdministration>();

        var first = await staff.AddUserAsync("dr-ada", "Dr Ada", StaffRole.Clinician, GoodPassword, Ct);
        var second = await staff.AddUserAsync("dr-ada", "Dr Impostor", StaffRole.Admin, "another long passphrase", Ct);

        Assert.True(first.IsDone, first.Refusal?.Message);
        Assert.Equal((RefusalKind.Conflict, StaffAdministration.UserExists), (second.Refusal?.Kind, second.Refusal?.Code));
        var user = await harness.Record.Access.FindUserAsync("dr-ada", Ct);
        Assert.Equal((StaffRole.Clinician, new PlainStaffPasswords().Hash(GoodPassword)), (user?.Role, user?.PasswordHash));
    }

    [Fact]
    public async Task AddUserAsync_WithoutPassword_IsForSingleSignOnOnly()
    {
        await using var harness = new IngestHarness();

        var result = await harness.Get<StaffAdministration>().AddUserAsync("sso-user", "By SSO", StaffRole.Analyst, null, Ct);

        Assert.True(result.IsDone, result.Refusal?.Message);
        Assert.Null((await harness.Record.Access.FindUserAsync("sso-user", Ct))?.PasswordHash);
    }

    [Fact]
    public async Task UserChanges_OfAnUnknownUser_AreNotFound()
    {
        await using var harness = new IngestHarness();
        var staff = harness.Get<StaffAdministration>();

        var results = new[]
        {
            await staff.SetPasswordAsync("nobody", GoodPassword, Ct),
            await staff.UnlockAsync("nobody", Ct),
            await staff.SetDisabledAsync("nobody", true, Ct),
        };

        Assert.All(results, r => Assert.Equal((RefusalKind.NotFound, StaffAdministration.NotFound), (r.Refusal?.Kind, r.Refusal?.Code)));
        Assert.Equal(RefusalKind.Invalid, (await staff.SetPasswordAsync("nobody", "short", Ct)).Refusal?.Kind);
    }

    [Fact]
    public async Task Teams_TakenIdAndUnknownMembers_AreRefused()
    {
        await using var harness = new IngestHarness();
        var staff = harness.Get<StaffAdministration>();
        await staff.AddUserAsync("dr-ada", "Dr Ada", StaffRole.Clinician, GoodPassword, Ct);

        var made = await staff.AddTeamAsync("ward-7", "Ward 7", Ct);
        var again = await staff.AddTeamAsync("ward-7", "Ward Seven", Ct);
        var member = await staff.AddMemberAsync("ward-7", "dr-ada", Ct);
        var stranger = await staff.AddMemberAsync("ward-7", "dr-404", Ct);
        var noTeam = await staff.AddMemberAsync("ward-404", "dr-ada", Ct);
        var noPatient = await staff.AssignPatientAsync("ward-7", PatientId.Parse("p-404"), Ct);
        var notLinked = await staff.RemoveMemberAsync("ward-7", "dr-404", Ct);

        Assert.True(made.IsDone && member.IsDone);
        Assert.Equal((RefusalKind.Conflict, StaffAdministration.TeamExists), (again.Refusal?.Kind, again.Refusal?.Code));
        Assert.All([stranger, noTeam, noPatient, notLinked], r => Assert.Equal(RefusalKind.NotFound, r.Refusal?.Kind));
        Assert.Equal("ward-7/dr-404: not found, or nothing to change", stranger.Refusal?.Message);
        var team = Assert.Single(await harness.Record.Access.TeamsAsync(Ct));
        Assert.Equal("Ward 7", team.Name);
        Assert.Equal(["dr-ada"], team.Members);
    }
}

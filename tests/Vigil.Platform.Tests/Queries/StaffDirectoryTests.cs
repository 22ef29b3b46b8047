using System.Security.Cryptography;
using Vigil.Domain.Access;

namespace Vigil.Platform.Tests.Queries;

public sealed class StaffDirectoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TokenHolderAsync_IsTheUser_WhileTheTokenIsValid()
    {
        await using var fixture = new QueryFixture();
        var access = fixture.Record.Access;
        await fixture.AddClinicianAsync("dr-ada");
        var token = SHA256.HashData("token"u8);
        await access.AddTokenAsync(token, "dr-ada", QueryFixture.Now, QueryFixture.Now.AddHours(1), Ct);

        Assert.Equal("dr-ada", (await fixture.Staff.TokenHolderAsync(token, Ct))?.Id);
        Assert.Null(await fixture.Staff.TokenHolderAsync(SHA256.HashData("another"u8), Ct));
        fixture.Time.Advance(TimeSpan.FromHours(2));
        Assert.Null(await fixture.Staff.TokenHolderAsync(token, Ct));
    }

    [Fact]
    public async Task TokenHolderAsync_OfADisabledAccount_IsNone()
    {
        await using var fixture = new QueryFixture();
        var access = fixture.Record.Access;
        await fixture.AddClinicianAsync("dr-ada");
        Assert.True(await access.SetDisabledAsync("dr-ada", true, Ct));
        var token = SHA256.HashData("token"u8);
        await access.AddTokenAsync(token, "dr-ada", QueryFixture.Now, QueryFixture.Now.AddHours(1), Ct);

        Assert.Equal("dr-ada", await access.TokenUserAsync(token, QueryFixture.Now, Ct));
        Assert.Null(await fixture.Staff.TokenHolderAsync(token, Ct));
    }

    [Fact]
    public async Task Directory_ListsUsersAndTeams()
    {
        await using var fixture = new QueryFixture();
        await fixture.AddClinicianAsync("dr-bo", "p-2");
        await fixture.AddClinicianAsync("dr-ada", "p-1");

        Assert.Equal(["dr-ada", "dr-bo"], (await fixture.Staff.UsersAsync(Ct)).Select(u => u.Id));
        Assert.Equal([("team-dr-ada", "p-1"), ("team-dr-bo", "p-2")], (await fixture.Staff.TeamsAsync(Ct)).Select(t => (t.Id, t.Patients.Single().Value)));
        Assert.Equal(StaffRole.Clinician, (await fixture.Staff.FindUserAsync("dr-ada", Ct))?.Role);
        Assert.Null(await fixture.Staff.FindUserAsync("dr-nobody", Ct));
    }
}

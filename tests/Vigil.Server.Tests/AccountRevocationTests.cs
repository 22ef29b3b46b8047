using System.Net;
using Vigil.Domain.Access;
using Vigil.Record;
using Vigil.Server.Access;

namespace Vigil.Server.Tests;

/// <summary>
/// Disabling an account or changing its password ends every session of it at once, bearer tokens
/// and cookies alike, also when the change comes from the CLI on the same data folder; enabling it
/// again brings none of them back.
/// </summary>
public sealed class AccountRevocationTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DisableThenEnable_FromTheCli_EndsTokensAndCookiesForGood()
    {
        var user = await server.StaffAsync("dr-leaver", StaffRole.Clinician);
        using var cookie = await server.SignInAsync(user);
        using var bearer = server.Api(await server.TokenAsync(user));
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/api/v1/session", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/session", Ct)).StatusCode);

        // As `vigil user disable` and `vigil user enable` do: through a record of their own.
        await using (var cli = RecordStore.Open(server.Folder, null, TimeProvider.System))
        {
            Assert.True(await cli.Access.SetDisabledAsync(user, true, cancellationToken: TestContext.Current.CancellationToken));
            Assert.True(await cli.Access.SetDisabledAsync(user, false, cancellationToken: TestContext.Current.CancellationToken));
        }

        await AlertApiTests.AssertProblemAsync(await cookie.GetAsync("/api/v1/session", Ct), HttpStatusCode.Unauthorized, "unauthorized");
        await AlertApiTests.AssertProblemAsync(await bearer.GetAsync("/api/v1/session", Ct), HttpStatusCode.Unauthorized, "unauthorized");
        using var again = await server.SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/session", Ct)).StatusCode);
    }

    [Fact]
    public async Task PasswordChanged_EndsTheSessionsSignedWithTheOldOne()
    {
        var user = await server.StaffAsync("dr-rotated", StaffRole.Clinician);
        using var cookie = await server.SignInAsync(user);
        using var bearer = server.Api(await server.TokenAsync(user));

        Assert.True(await server.Access.SetPasswordAsync(user, StaffPasswords.Hash("a new and long enough passphrase"), cancellationToken: TestContext.Current.CancellationToken));

        await AlertApiTests.AssertProblemAsync(await cookie.GetAsync("/api/v1/session", Ct), HttpStatusCode.Unauthorized, "unauthorized");
        await AlertApiTests.AssertProblemAsync(await bearer.GetAsync("/api/v1/session", Ct), HttpStatusCode.Unauthorized, "unauthorized");
        using var renewed = await server.SignInAsync(user, "a new and long enough passphrase");
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync("/api/v1/session", Ct)).StatusCode);
    }
}

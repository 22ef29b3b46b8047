using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Vigil.Platform.Access;
using Vigil.Server.Access;
using Vigil.Server.Http.Api;

namespace Vigil.Server.Http;

/// <summary>
/// <c>/api/v1/session</c>: sign in with a local account (a session cookie, or an API token with
/// <c>"bearer": true</c>), see who is signed in, sign out. With OpenID Connect configured,
/// <c>/signin/oidc</c> starts single sign-on.
/// </summary>
internal static class SessionEndpoints
{
    /// <summary>Maps the session endpoints.</summary>
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/v1/session");
        session.MapPost("/", SignInAsync).ProducesProblem(StatusCodes.Status401Unauthorized);
        session.MapGet("/", (HttpContext context) => Results.Ok(View(context.User, null, null))).RequireAuthorization();
        session.MapDelete("/", SignOutAsync).RequireAuthorization();
        app.MapGet("/signin/oidc", (IOptions<AccessOptions> options) => options.Value.Oidc.Authority is { Length: > 0 }
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [VigilAuthentication.OidcScheme])
            : ApiProblem.Of(StatusCodes.Status404NotFound, "no-single-sign-on", "single sign-on is not configured (Vigil:Access:Oidc:Authority)"));
        return app;
    }

    private static async Task<IResult> SignInAsync(
        SignInRequest? body, HttpContext context, StaffSignIn signIn, TimeProvider time, IOptions<AccessOptions> options)
    {
        if (body?.User is not { Length: > 0 and <= 200 } user || body.Password is not { Length: > 0 and <= 1000 } password)
        {
            return ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid-body", "the body must be JSON with 'user' and 'password'");
        }

        var (account, refusal) = await signIn.SignInAsync(user, password, VigilAuthentication.Source(context), context.RequestAborted);
        if (account is null)
        {
            return ApiProblem.Of(StatusCodes.Status401Unauthorized, "sign-in-refused", refusal!);
        }

        var expires = time.GetUtcNow().AddHours(options.Value.SessionHours);
        if (body.Bearer)
        {
            var token = BearerTokenHandler.NewToken();
            await signIn.IssueTokenAsync(BearerTokenHandler.Digest(token), account.Id, expires, context.RequestAborted);
            return Results.Ok(new SessionView(account.Id, account.DisplayName, account.Role.ToString(), token, expires));
        }

        await context.SignInAsync(
            VigilAuthentication.CookieScheme, StaffClaims.Principal(account, VigilAuthentication.CookieScheme),
            new AuthenticationProperties { IsPersistent = false, ExpiresUtc = expires });
        return Results.Ok(new SessionView(account.Id, account.DisplayName, account.Role.ToString(), null, expires));
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, StaffSignIn signIn)
    {
        if (BearerTokenHandler.Presented(context.Request) is { } token)
        {
            await signIn.RevokeTokenAsync(BearerTokenHandler.Digest(token), context.RequestAborted);
        }
        else
        {
            await context.SignOutAsync(VigilAuthentication.CookieScheme);
        }

        return Results.NoContent();
    }

    private static SessionView View(System.Security.Claims.ClaimsPrincipal user, string? token, DateTimeOffset? expires) =>
        new(user.UserId(), user.FindFirst(StaffClaims.DisplayName)?.Value ?? user.UserId(), user.Role()?.ToString() ?? "-", token, expires);
}

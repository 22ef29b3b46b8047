using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Vigil.Domain.Access;
using Vigil.Platform.Queries;
using Vigil.Platform.Security;

namespace Vigil.Server.Access;

/// <summary>
/// Bearer authentication of the HTTP API: a user's API token (from <c>POST /api/v1/session</c>
/// with <c>"bearer": true</c>, stored only as its SHA-256), or the data folder's operator token
/// (<c>api/operator.token</c>), which acts as an administrator. A wrong token is a security event.
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    OperatorToken operatorToken, StaffDirectory staff, SecurityEventSink events)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "Bearer";

    /// <summary>The security event code of a wrong token.</summary>
    public const string Unauthorized = "api-unauthorized";

    /// <summary>A new API token: 256 random bits, base64url.</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>What the record keeps of a token.</summary>
    public static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The bearer token of a request, or null.</summary>
    public static string? Presented(HttpRequest request)
    {
        var header = request?.Headers.Authorization.ToString() ?? string.Empty;
        return header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Presented(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        if (operatorToken.Matches(token))
        {
            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, StaffClaims.Operator), new Claim(ClaimTypes.Role, nameof(StaffRole.Admin)), new Claim(StaffClaims.DisplayName, "operator")],
                SchemeName, ClaimTypes.Name, ClaimTypes.Role);
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
        }

        if (await staff.TokenHolderAsync(Digest(token), Context.RequestAborted) is { } user)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(StaffClaims.Principal(user, SchemeName), SchemeName));
        }

        events.Raise(Unauthorized, "anonymous", $"https {Context.Connection.RemoteIpAddress}:{Context.Connection.RemotePort}", null, $"unknown or expired bearer token for {Request.Method} {Request.Path}");
        return AuthenticateResult.Fail("the bearer token is not valid");
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => VigilAuthentication.Problem(Context, StatusCodes.Status401Unauthorized);

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => VigilAuthentication.Problem(Context, StatusCodes.Status403Forbidden);
}

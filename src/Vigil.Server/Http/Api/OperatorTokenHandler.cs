using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Vigil.Platform.Security;

namespace Vigil.Server.Http.Api;

/// <summary>
/// Bearer authentication of the HTTP API with the operator token kept in the data folder
/// (<c>api/operator.token</c>). The token is compared in constant time; a wrong one is a
/// security event. Answers a missing or wrong token with 401 problem+json.
/// </summary>
public sealed class OperatorTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OperatorToken token, SecurityEventSink events)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "OperatorToken";

    /// <summary>The security event code of a wrong token.</summary>
    public const string Unauthorized = "api-unauthorized";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!token.Matches(header["Bearer ".Length..].Trim()))
        {
            events.Raise(Unauthorized, "anonymous", $"https {Context.Connection.RemoteIpAddress}:{Context.Connection.RemotePort}", null, $"wrong bearer token for {Request.Method} {Request.Path}");
            return Task.FromResult(AuthenticateResult.Fail("the bearer token is not valid"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator"), new Claim(ClaimTypes.Role, "administrator")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "unauthorized",
            detail: "send the operator token of the data folder (api/operator.token) as 'Authorization: Bearer TOKEN'",
            type: "urn:vigil:problem:unauthorized",
            extensions: new Dictionary<string, object?> { ["code"] = "unauthorized" }).ExecuteAsync(Context);
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Vigil.Domain.Access;
using Vigil.Platform.Access;
using Vigil.Platform.Queries;
using Vigil.Platform.Security;
using Vigil.Server.Hosting;
using Vigil.Server.Http.Api;

namespace Vigil.Server.Access;

/// <summary>
/// Authentication and authorization of the API and the console: a session cookie after sign-in
/// (HttpOnly, Secure, SameSite=Strict), bearer tokens, and optionally OpenID Connect; one policy
/// per role. API requests are never redirected: they get 401 or 403 problem+json, and a refusal
/// is a security event (T18).
/// </summary>
internal static class VigilAuthentication
{
    /// <summary>The scheme that picks bearer or cookie per request.</summary>
    public const string Scheme = "Vigil";

    /// <summary>The session cookie's scheme.</summary>
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>The single sign-on scheme.</summary>
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>The security event of a request refused for its role or care team.</summary>
    public const string AccessDenied = "access-denied";

    /// <summary>Only clinicians.</summary>
    public const string Clinicians = "clinicians";

    /// <summary>Security analysts (and administrators, who manage them).</summary>
    public const string Analysts = "analysts";

    /// <summary>Only administrators.</summary>
    public const string Administrators = "administrators";

    /// <summary>Registers the schemes and policies.</summary>
    public static WebApplicationBuilder AddVigilAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section);
        builder.Services.AddOptions<AccessPolicyOptions>().BindConfiguration(AccessPolicyOptions.Section);

        // Which schemes exist is decided while registering: the one read of the access settings
        // outside the options (single sign-on is registered only when an authority is set).
        var access = builder.Configuration.GetSection(AccessOptions.Section).Get<AccessOptions>() ?? new AccessOptions();

        // Session cookies stay valid across restarts: the keys that protect them live in the data
        // folder's key folder, readable by its owner only, each key's secret encrypted under the
        // key store's session key-encryption key (so with a passphrase or a token, never in clear).
        // They protect sessions, not patient data. The folder is made when the key ring is first
        // needed, after the data folder's startup.
        builder.Services.AddDataProtection().SetApplicationName("vigil");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<ServerIdentity, ILoggerFactory>((keys, identity, logs) =>
        {
            var sessions = identity.Folder.SessionKeysFolder;
            if (!OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(sessions, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(sessions), logs);
            keys.XmlEncryptor = new SessionKeyEncryptor(identity.Keys);
        });
        var authentication = builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "bearer or session", policy => policy.ForwardDefaultSelector =
                context => BearerTokenHandler.Presented(context.Request) is null ? CookieScheme : BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "vigil.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(access.SessionHours);
                cookie.SlidingExpiration = false;
                cookie.LoginPath = "/signin";
                cookie.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
                cookie.Events.OnValidatePrincipal = RevalidateAsync;
            });
        if (access.Oidc.Authority is { Length: > 0 })
        {
            authentication.AddOpenIdConnect(OidcScheme, oidc =>
            {
                oidc.Authority = access.Oidc.Authority;
                oidc.ClientId = access.Oidc.ClientId;
                oidc.ClientSecret = access.Oidc.ClientSecret;
                oidc.ResponseType = "code";
                oidc.SignInScheme = CookieScheme;
                oidc.CallbackPath = "/signin-oidc";
                oidc.Scope.Add("profile");
                oidc.Events.OnTokenValidated = context => AdmitAsync(context, access.Oidc.UserClaim);
            });
        }

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Clinicians, p => p.RequireRole(nameof(StaffRole.Clinician)))
            .AddPolicy(Analysts, p => p.RequireRole(nameof(StaffRole.Analyst), nameof(StaffRole.Admin)))
            .AddPolicy(Administrators, p => p.RequireRole(nameof(StaffRole.Admin)));
        builder.Services.AddSingleton<PatientGate>();
        return builder;
    }

    /// <summary>Answers an unauthenticated or forbidden request with problem+json (pages: a redirect to sign in).</summary>
    public static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments("/api") && status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }

        return Problem(context.HttpContext, status);
    }

    /// <summary>Writes 401 or 403 problem+json; a 403 is also a security event.</summary>
    public static Task Problem(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (status == StatusCodes.Status403Forbidden)
        {
            context.RequestServices.GetRequiredService<SecurityEventSink>().Raise(
                AccessDenied, context.User.UserId(), Source(context), null, $"{context.User.Role()?.ToString() ?? "no role"} may not {context.Request.Method} {context.Request.Path}");
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                // A page: say so in a page, in words.
                context.Response.StatusCode = status;
                context.Response.ContentType = "text/html; charset=utf-8";
                var who = System.Net.WebUtility.HtmlEncode($"{context.User.UserId()} ({context.User.Role()?.ToString() ?? "no role"})");
                return context.Response.WriteAsync(
                    $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not allowed · Vigil</title><link rel=\"stylesheet\" href=\"/console/css/console.css\"></head>"
                    + $"<body><main id=\"content\"><h1>Not allowed</h1><p>You are signed in as {who}. This page is not for your role; the attempt was recorded.</p><p><a href=\"/\">Back to your view</a></p></main></body></html>");
            }

            return ApiProblem.Of(status, "forbidden", "your role may not do this").ExecuteAsync(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblem.Of(status, "unauthorized", "sign in first (POST /api/v1/session), or send 'Authorization: Bearer TOKEN'").ExecuteAsync(context);
    }

    /// <summary>Where a request came from, for security events.</summary>
    public static string Source(HttpContext context) =>
        $"https {context?.Connection.RemoteIpAddress}:{context?.Connection.RemotePort}";

    // A session outlives neither its account nor a change of role: both are checked on every request.
    private static async Task RevalidateAsync(CookieValidatePrincipalContext context)
    {
        var user = await context.HttpContext.RequestServices.GetRequiredService<StaffDirectory>().FindUserAsync(context.Principal?.UserId() ?? string.Empty, context.HttpContext.RequestAborted);
        if (user is null || user.Disabled || user.Role != context.Principal?.Role()
            || context.Principal?.FindFirst(StaffClaims.Stamp)?.Value != user.Stamp.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            context.RejectPrincipal();
        }
    }

    private static async Task AdmitAsync(Microsoft.AspNetCore.Authentication.OpenIdConnect.TokenValidatedContext context, string claim)
    {
        var name = context.Principal?.FindFirstValue(claim);
        var user = name is null ? null : await context.HttpContext.RequestServices.GetRequiredService<StaffDirectory>().FindUserAsync(name, context.HttpContext.RequestAborted);
        if (user is null || user.Disabled)
        {
            context.HttpContext.RequestServices.GetRequiredService<SecurityEventSink>().Raise(
                StaffSignIn.Failed, name ?? "anonymous", Source(context.HttpContext), null, "signed in at the identity provider but has no Vigil account");
            context.Fail("no Vigil account for this user");
            return;
        }

        context.Principal = StaffClaims.Principal(user, CookieScheme);
    }
}

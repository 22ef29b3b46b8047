using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Vigil.Platform.Access;
using Vigil.Server.Access;

namespace Vigil.Server.Dashboard.Pages;

/// <summary>Sign-in with a local account: the same checks, lockout and events as the API.</summary>
[AllowAnonymous]
internal sealed class SignInModel(StaffSignIn signIn, TimeProvider time, IOptions<AccessOptions> options) : PageModel
{
    /// <summary>The user name typed.</summary>
    [BindProperty]
    public string? UserName { get; set; }

    /// <summary>The password typed.</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Where to go after signing in (a local path only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the last attempt was refused.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Whether single sign-on is configured.</summary>
    public bool SingleSignOn => options.Value.Oidc.Authority is { Length: > 0 };

    /// <summary>Signs in and goes on.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var (user, refusal) = await signIn.SignInAsync(UserName ?? string.Empty, Password ?? string.Empty, VigilAuthentication.Source(HttpContext));
        if (user is null)
        {
            Refusal = refusal;
            return Page();
        }

        await HttpContext.SignInAsync(
            VigilAuthentication.CookieScheme, StaffClaims.Principal(user, VigilAuthentication.CookieScheme),
            new AuthenticationProperties { IsPersistent = false, ExpiresUtc = time.GetUtcNow().AddHours(options.Value.SessionHours) });
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}

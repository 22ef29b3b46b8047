using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Server.Access;

namespace Vigil.Server.Dashboard.Pages;

/// <summary>Signs out (a POST with the anti-forgery token, so no other site can sign a user out).</summary>
internal sealed class SignOutModel : PageModel
{
    /// <summary>Ends the session.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(VigilAuthentication.CookieScheme);
        return Redirect("/signin");
    }
}

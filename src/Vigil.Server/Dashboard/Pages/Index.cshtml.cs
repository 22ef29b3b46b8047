using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Domain.Access;
using Vigil.Server.Access;

namespace Vigil.Server.Dashboard.Pages;

/// <summary>Sends each role to its view: clinicians to their patients, analysts to the fleet, administrators to users and teams.</summary>
internal sealed class IndexModel : PageModel
{
    /// <summary>Redirects.</summary>
    public IActionResult OnGet() => Redirect(User.Role() switch
    {
        StaffRole.Clinician => "/patients",
        StaffRole.Analyst => "/fleet",
        StaffRole.Admin => "/admin",
        _ => "/signin",
    });
}

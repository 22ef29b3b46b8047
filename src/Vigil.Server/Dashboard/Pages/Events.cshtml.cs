using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Platform.Queries;
using Vigil.Server.Access;

namespace Vigil.Server.Dashboard.Pages;

/// <summary>A timeline of security events and incidents, newest first, filtered by code or device; new ones arrive live.</summary>
[Authorize(Policy = VigilAuthentication.Analysts)]
internal sealed class EventsModel(SecurityViews security) : PageModel
{
    /// <summary>Only this code.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    /// <summary>Only this device.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Device { get; set; }

    /// <summary>The timeline.</summary>
    public IReadOnlyList<TimelineItem> Timeline { get; private set; } = [];

    /// <summary>Shows the timeline.</summary>
    public async Task OnGetAsync() => Timeline = await security.TimelineAsync(Code, Device, HttpContext.RequestAborted);
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Domain.Devices;
using Vigil.Platform.Devices;
using Vigil.Platform.Queries;
using Vigil.Server.Access;
using Vigil.Server.Http;
using Vigil.Server.Http.Api;

namespace Vigil.Server.Dashboard.Pages;

/// <summary>The fleet for analysts: device, model, lot, firmware, trust state, last seen, relay, counters; quarantine and revoke with a reason and a confirmation.</summary>
[Authorize(Policy = VigilAuthentication.Analysts)]
internal sealed class FleetModel(FleetViews fleet, DeviceAdministration devices) : PageModel
{
    /// <summary>The devices.</summary>
    public IReadOnlyList<DeviceView> Devices { get; private set; } = [];

    /// <summary>The device acted on.</summary>
    [BindProperty]
    public string? DeviceId { get; set; }

    /// <summary>quarantine or revoke.</summary>
    [BindProperty]
    public string? Action { get; set; }

    /// <summary>Why.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>What the last action said.</summary>
    public string? Message { get; private set; }

    /// <summary>Whether it was a refusal.</summary>
    public bool MessageIsError { get; private set; }

    /// <summary>Shows the fleet.</summary>
    public async Task OnGetAsync() => Devices = await SecurityEndpoints.FleetAsync(fleet);

    /// <summary>Quarantines or revokes a device.</summary>
    public async Task<IActionResult> OnPostStatusAsync()
    {
        var status = Action switch { "quarantine" => DeviceStatus.Quarantined, "revoke" => DeviceStatus.Revoked, _ => (DeviceStatus?)null };
        if (status is null || Reason?.Trim() is not { Length: > 0 } reason || !Domain.Devices.DeviceId.TryParse(DeviceId, out var device))
        {
            (Message, MessageIsError) = ("Choose quarantine or revoke, and give a reason.", true);
        }
        else if (!(await devices.SetStatusAsync(device, status.Value, reason, User.Actor(HttpContext))).IsDone)
        {
            (Message, MessageIsError) = ($"Device {device} cannot change: it is unknown or revoked.", true);
        }
        else
        {
            (Message, MessageIsError) = ($"Device {device} is now {status.Value.ToString().ToLowerInvariant()}; its care team has been told.", false);
        }

        await OnGetAsync();
        return Page();
    }
}

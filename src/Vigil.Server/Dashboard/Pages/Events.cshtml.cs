using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Domain.Security;
using Vigil.Record.Events;
using Vigil.Record.Trust;
using Vigil.Server.Access;

namespace Vigil.Server.Dashboard.Pages;

/// <summary>A timeline of security events and incidents, newest first, filtered by code or device; new ones arrive live.</summary>
[Authorize(Policy = VigilAuthentication.Analysts)]
public sealed class EventsModel(IEventLog events, ITrustStore trust) : PageModel
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
    public async Task OnGetAsync()
    {
        var code = string.IsNullOrWhiteSpace(Code) ? null : Code.Trim();
        var device = string.IsNullOrWhiteSpace(Device) ? null : Device.Trim();
        var items = (await events.ListAsync(new EventQuery(code, device, null, 300), HttpContext.RequestAborted))
            .Select(e => new TimelineItem($"event-{e.Id}", "event", e.At, e.Code, e.DeviceId ?? e.Principal, e.Detail));
        if (code is null)
        {
            items = items.Concat((await trust.IncidentsAsync(device is null ? null : Domain.Devices.DeviceId.TryParse(device, out var d) ? d : null, 100, HttpContext.RequestAborted))
                .Select(i => new TimelineItem($"incident-{i.Id}", "incident", i.OpenedAt, $"incident: {i.Kind.Code()}", i.Subject ?? i.DeviceId?.Value ?? "-", i.Detail)));
        }

        Timeline = [.. items.OrderByDescending(i => i.At)];
    }

    /// <summary>One line of the timeline.</summary>
    /// <param name="Key">Its id for the page.</param>
    /// <param name="Kind"><c>event</c> or <c>incident</c>.</param>
    /// <param name="At">When.</param>
    /// <param name="Label">Its code or kind.</param>
    /// <param name="Subject">The device or principal.</param>
    /// <param name="Detail">What happened.</param>
    public sealed record TimelineItem(string Key, string Kind, DateTimeOffset At, string Label, string Subject, string Detail);
}

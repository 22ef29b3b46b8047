using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Domain.Clinical;
using Vigil.Domain.Patients;
using Vigil.Platform.Patients;
using Vigil.Platform.Queries;
using Vigil.Server.Access;

namespace Vigil.Server.Dashboard.Pages;

/// <summary>The alerts of a clinician's patients, with the workflow's actions; escalating an unconfirmed alert is refused until it is confirmed.</summary>
[Authorize(Policy = VigilAuthentication.Clinicians)]
internal sealed class AlertsModel(PatientGate gate, AlertViews alerts, PatientViews patients, AlertDesk desk) : PageModel
{
    /// <summary>Whether closed alerts are shown too.</summary>
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    /// <summary>The alert acted on.</summary>
    [BindProperty]
    public long AlertId { get; set; }

    /// <summary>The action.</summary>
    [BindProperty]
    public string? Act { get; set; }

    /// <summary>The note.</summary>
    [BindProperty]
    public string? Note { get; set; }

    /// <summary>Alerts by patient.</summary>
    public IReadOnlyList<IGrouping<PatientId, Alert>> Groups { get; private set; } = [];

    /// <summary>Patients' names.</summary>
    public IReadOnlyDictionary<PatientId, string> Names { get; private set; } = new Dictionary<PatientId, string>();

    /// <summary>What the last action said.</summary>
    public string? Message { get; private set; }

    /// <summary>Whether it was a refusal.</summary>
    public bool MessageIsError { get; private set; }

    /// <summary>Shows the alerts (each patient shown is recorded as read).</summary>
    public async Task OnGetAsync()
    {
        var visible = await gate.VisibleAsync(User);
        var shown = await alerts.OfPatientsAsync(visible, activeOnly: !All, HttpContext.RequestAborted);
        await gate.RecordAsync(User, shown.Select(a => a.PatientId).Distinct(), "alerts", HttpContext.RequestAborted);
        Groups = [.. shown.GroupBy(a => a.PatientId)];
        Names = await patients.NamesAsync(visible);
    }

    /// <summary>Acts on an alert of a patient in the clinician's care.</summary>
    public async Task<IActionResult> OnPostActAsync()
    {
        if (!Enum.TryParse<AlertAction>(Act, ignoreCase: true, out var action) || !Enum.IsDefined(action) || await alerts.FindAsync(AlertId) is not { } alert)
        {
            (Message, MessageIsError) = ("That is not an alert or an action.", true);
        }
        else if (await gate.OpenAsync(User, alert.PatientId, $"alert.{action.ToString().ToLowerInvariant()}", VigilAuthentication.Source(HttpContext), HttpContext.RequestAborted) is null)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            (Message, MessageIsError) = ($"Patient {alert.PatientId} is not in your care.", true);
        }
        else
        {
            var acted = await desk.ActAsync(AlertId, action, User.UserId(), Note?.Trim() ?? string.Empty);
            (Message, MessageIsError) = acted.Refusal is { } refusal
                ? ($"Alert {AlertId}: {refusal.Message}", true)
                : ($"Alert {AlertId} is now {acted.Value!.Status.ToString().ToLowerInvariant()}.", false);
        }

        await OnGetAsync();
        return Page();
    }
}

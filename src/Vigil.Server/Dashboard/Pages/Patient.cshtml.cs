using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Domain.Clinical;
using Vigil.Platform.Access;
using Vigil.Domain.Patients;
using Vigil.Platform.Patients;
using Vigil.Platform.Queries;
using Vigil.Record.Registry;
using Vigil.Server.Access;

namespace Vigil.Server.Dashboard.Pages;

/// <summary>
/// A patient's page: charts of every kind over a day, a week or a month (drawn by the browser from
/// the API), with Suspect readings marked and calibration points shown, and the patient's alerts.
/// Outside the clinician's care, a 403 page offering break-glass.
/// </summary>
[Authorize(Policy = VigilAuthentication.Clinicians)]
internal sealed class PatientModel(PatientGate gate, PatientViews patients, AlertViews alerts, BreakGlassDesk glass, PatientAdmission admission, TimeProvider time) : PageModel
{
    /// <summary>The patient id in the address.</summary>
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    /// <summary>day, week or month.</summary>
    [BindProperty(SupportsGet = true)]
    public string Range { get; set; } = "day";

    /// <summary>The typed break-glass reason.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The glucose unit chosen.</summary>
    [BindProperty]
    public string? Unit { get; set; }

    /// <summary>The patient, when the clinician may see them.</summary>
    public PatientRecord? Patient { get; private set; }

    /// <summary>Why the clinician may see them.</summary>
    public string? Access { get; private set; }

    /// <summary>The patient's alerts, newest first.</summary>
    public IReadOnlyList<Alert> Alerts { get; private set; } = [];

    /// <summary>The start of the range shown.</summary>
    public DateTimeOffset From { get; private set; }

    /// <summary>The end of the range shown.</summary>
    public DateTimeOffset To { get; private set; }

    /// <summary>What the last action said.</summary>
    public string? Message { get; private set; }

    /// <summary>Shows the page, or 403 with break-glass.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        if (!PatientId.TryParse(Id, out var id))
        {
            return BadRequest();
        }

        To = time.GetUtcNow();
        From = To - (Range switch { "week" => TimeSpan.FromDays(7), "month" => TimeSpan.FromDays(30), _ => TimeSpan.FromDays(1) });
        var entry = await gate.OpenAsync(User, id, "patient.page", VigilAuthentication.Source(HttpContext), HttpContext.RequestAborted);
        if (entry is null)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        Access = entry.Purpose;
        Patient = await patients.FindAsync(id);
        Alerts = await alerts.OfPatientAsync(id, activeOnly: false, limit: 50);
        return Page();
    }

    /// <summary>Opens a break-glass grant on this patient.</summary>
    public async Task<IActionResult> OnPostBreakGlassAsync()
    {
        if (!PatientId.TryParse(Id, out var id))
        {
            return BadRequest();
        }

        var outcome = await glass.OpenAsync(User.UserId(), id, Reason, VigilAuthentication.Source(HttpContext), HttpContext.RequestAborted);
        if (outcome.Grant is not null)
        {
            return Redirect($"/patients/{Uri.EscapeDataString(Id)}");
        }

        Message = outcome.Message;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    /// <summary>Sets the unit the patient's glucose is shown in.</summary>
    public async Task<IActionResult> OnPostUnitAsync()
    {
        if (!PatientId.TryParse(Id, out var id))
        {
            return BadRequest();
        }

        if (PatientAdmission.IsGlucoseUnit(Unit)
            && await gate.OpenAsync(User, id, "patient.glucose-unit", VigilAuthentication.Source(HttpContext), HttpContext.RequestAborted) is not null)
        {
            await admission.SetGlucoseUnitAsync(id, Unit);
        }

        return Redirect($"/patients/{Uri.EscapeDataString(Id)}?range={Uri.EscapeDataString(Range)}");
    }
}

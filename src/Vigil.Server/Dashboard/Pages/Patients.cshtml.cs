using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Domain.Patients;
using Vigil.Platform.Access;
using Vigil.Platform.Queries;
using Vigil.Server.Access;
using Vigil.Server.Http;
using Vigil.Server.Http.Api;

namespace Vigil.Server.Dashboard.Pages;

/// <summary>A clinician's patients with their latest vitals and integrity; break-glass into another patient.</summary>
[Authorize(Policy = VigilAuthentication.Clinicians)]
internal sealed class PatientsModel(PatientGate gate, PatientViews patients, BreakGlassDesk glass) : PageModel
{
    /// <summary>The patients shown.</summary>
    public IReadOnlyList<PatientSummaryView> Patients { get; private set; } = [];

    /// <summary>What the last action said.</summary>
    public string? Message { get; private set; }

    /// <summary>Whether it was a refusal.</summary>
    public bool MessageIsError { get; private set; }

    /// <summary>The patient id typed for break-glass.</summary>
    [BindProperty]
    public string? GlassPatient { get; set; }

    /// <summary>The reason typed for break-glass.</summary>
    [BindProperty]
    public string? GlassReason { get; set; }

    /// <summary>Shows the list (each patient shown is recorded as read).</summary>
    public async Task OnGetAsync() =>
        Patients = await PatientEndpoints.SummariesAsync(User, gate, patients, HttpContext.RequestAborted);

    /// <summary>Opens a break-glass grant.</summary>
    public async Task<IActionResult> OnPostBreakGlassAsync()
    {
        if (!PatientId.TryParse(GlassPatient?.Trim(), out var patient))
        {
            (Message, MessageIsError) = ($"That is not a patient id: a patient id is {PatientId.Form}.", true);
            await OnGetAsync();
            return Page();
        }

        var outcome = await glass.OpenAsync(User.UserId(), patient, GlassReason, VigilAuthentication.Source(HttpContext), HttpContext.RequestAborted);
        if (outcome.Grant is not null)
        {
            return Redirect($"/patients/{Uri.EscapeDataString(patient.Value)}");
        }

        (Message, MessageIsError) = (outcome.Message, true);
        await OnGetAsync();
        return Page();
    }
}

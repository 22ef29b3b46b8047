using System.Security.Claims;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Platform.Access;
using Vigil.Platform.Patients;
using Vigil.Platform.Queries;
using Vigil.Record.Readings;
using Vigil.Server.Access;
using Vigil.Server.Http.Api;

namespace Vigil.Server.Http;

/// <summary>
/// <c>/api/v1/patients</c>: a clinician's patients, their readings with verdicts, reference
/// measurements, and break-glass. Only clinicians, and only for patients in their care or under
/// an active break-glass grant (<see cref="PatientGate"/>): every read is in the ledger; anything
/// else is 403 problem+json and a security event.
/// </summary>
internal static class PatientEndpoints
{
    private const int MaxReadings = 50_000;

    /// <summary>Maps the patient endpoints.</summary>
    public static IEndpointRouteBuilder MapPatientEndpoints(this IEndpointRouteBuilder app)
    {
        var patients = app.MapGroup("/api/v1/patients").RequireAuthorization(VigilAuthentication.Clinicians);
        patients.MapGet("/", ListAsync);
        patients.MapGet("/{id}", ShowAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        patients.MapGet("/{id}/readings", ReadingsAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        patients.MapGet("/{id}/calibrations", CalibrationsAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        patients.MapPut("/{id}/glucose-unit", GlucoseUnitAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        patients.MapPost("/{id}/break-glass", BreakGlassAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>400 problem+json for an address or query that does not name a patient id.</summary>
    public static IResult InvalidPatient() =>
        ApiProblem.Of(StatusCodes.Status400BadRequest, PatientAdmission.InvalidPatient, $"that is not a patient id: a patient id is {PatientId.Form}");

    /// <summary>403 problem+json for a patient the user may not see.</summary>
    public static IResult NotInCare(PatientId id) =>
        ApiProblem.Of(StatusCodes.Status403Forbidden, "not-in-care", $"patient {id} is not in your care; a clinician may open them with break-glass, giving a reason");

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, PatientGate gate, PatientViews patients, CancellationToken cancellationToken) =>
        Results.Ok(await SummariesAsync(user, gate, patients, cancellationToken));

    private static async Task<IResult> ShowAsync(string id, HttpContext context, PatientGate gate, PatientViews patients)
    {
        if (!PatientId.TryParse(id, out var patient))
        {
            return InvalidPatient();
        }

        if (await gate.OpenAsync(context.User, patient, "patient.details", VigilAuthentication.Source(context), context.RequestAborted) is not { } entry
            || await patients.FindAsync(patient) is not { } p)
        {
            return NotInCare(patient);
        }

        return Results.Ok(new PatientView(p.Id.Value, p.DisplayName, p.Mrn, p.GlucoseUnit, p.Devices, entry.Purpose, p.AddedAt));
    }

    private static async Task<IResult> ReadingsAsync(
        string id, HttpContext context, PatientGate gate, PatientViews patients, string? kind, DateTimeOffset? from, DateTimeOffset? to, int? limit)
    {
        if (!PatientId.TryParse(id, out var patient))
        {
            return InvalidPatient();
        }

        MeasurementKind? parsed = null;
        if (kind is not null)
        {
            if (!Enum.TryParse<MeasurementKind>(kind, ignoreCase: true, out var k) || !Enum.IsDefined(k) || int.TryParse(kind, out _))
            {
                return ApiProblem.Of(StatusCodes.Status400BadRequest, "unknown-kind", $"'{kind}' is not a measurement kind ({string.Join(", ", Enum.GetNames<MeasurementKind>())})");
            }

            parsed = k;
        }

        if (limit is < 1 or > MaxReadings)
        {
            return ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid-limit", $"limit is 1 to {MaxReadings}");
        }

        if (await gate.OpenAsync(context.User, patient, "patient.readings", VigilAuthentication.Source(context), context.RequestAborted) is null)
        {
            return NotInCare(patient);
        }

        var found = await patients.ReadingsAsync(new ReadingQuery { PatientId = patient, Kind = parsed, From = from, To = to, Limit = limit ?? 5000 });
        return Results.Ok(found.Select(ReadingView.Of).ToList());
    }

    private static async Task<IResult> CalibrationsAsync(string id, HttpContext context, PatientGate gate, PatientViews patients)
    {
        if (!PatientId.TryParse(id, out var patient))
        {
            return InvalidPatient();
        }

        if (await gate.OpenAsync(context.User, patient, "patient.calibrations", VigilAuthentication.Source(context), context.RequestAborted) is null)
        {
            return NotInCare(patient);
        }

        return Results.Ok((await patients.CalibrationsAsync(patient)).Select(c => new CalibrationView(c.At, c.Value, c.DeviceId?.Value, c.DeviceValue, c.Source)).ToList());
    }

    private static async Task<IResult> GlucoseUnitAsync(string id, TextRequest? body, HttpContext context, PatientGate gate, PatientAdmission patients)
    {
        if (!PatientId.TryParse(id, out var patient))
        {
            return InvalidPatient();
        }

        if (!PatientAdmission.IsGlucoseUnit(body?.Text))
        {
            return ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid-unit", "the body must be JSON with 'text': 'mg/dL' or 'mmol/L'");
        }

        if (await gate.OpenAsync(context.User, patient, "patient.glucose-unit", VigilAuthentication.Source(context), context.RequestAborted) is null)
        {
            return NotInCare(patient);
        }

        // A patient opened under break-glass who does not exist is answered as one who does.
        await patients.SetGlucoseUnitAsync(patient, body!.Text);
        return Results.NoContent();
    }

    private static async Task<IResult> BreakGlassAsync(string id, TextRequest? body, HttpContext context, BreakGlassDesk desk)
    {
        if (!PatientId.TryParse(id, out var patient))
        {
            return InvalidPatient();
        }

        var outcome = await desk.OpenAsync(context.User.UserId(), patient, body?.Text, VigilAuthentication.Source(context), context.RequestAborted);
        return outcome switch
        {
            { Grant: { } grant } => Results.Created($"/api/v1/break-glass/{grant}", new { id = grant, patient = patient.Value, expiresAt = outcome.ExpiresAt }),
            { Code: "in-care" } => ApiProblem.Of(StatusCodes.Status409Conflict, "in-care", outcome.Message!),
            _ => ApiProblem.Of(StatusCodes.Status400BadRequest, outcome.Code!, outcome.Message!),
        };
    }

    /// <summary>The clinician's patients with their latest vitals and alert counts; each shown patient is recorded as read.</summary>
    public static async Task<List<PatientSummaryView>> SummariesAsync(ClaimsPrincipal user, PatientGate gate, PatientViews patients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patients);
        var visible = await gate.VisibleAsync(user);
        var shown = await patients.ListAsync(visible);
        await gate.RecordAsync(user, shown.Select(p => p.Id), "patient.summary", cancellationToken);
        return [.. (await patients.SummariesAsync(user.UserId(), shown, cancellationToken)).Select(PatientSummaryView.Of)];
    }
}

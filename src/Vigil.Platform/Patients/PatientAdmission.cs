using System.Diagnostics.CodeAnalysis;
using Vigil.Domain.Patients;
using Vigil.Platform.UseCases;
using Vigil.Record.Registry;

namespace Vigil.Platform.Patients;

/// <summary>Patients under monitoring: admitting one under an opaque id, and the unit their care team reads glucose in.</summary>
public sealed class PatientAdmission(IRegistry registry, TimeProvider time)
{
    /// <summary>The code of text that is not a patient id (<see cref="PatientId"/>), refused where it enters.</summary>
    public const string InvalidPatient = "invalid-patient";

    /// <summary>The code of a glucose unit that is neither mg/dL nor mmol/L.</summary>
    public const string InvalidUnit = "invalid-unit";

    /// <summary>The code of a patient id that is taken.</summary>
    public const string PatientExists = "patient-exists";

    /// <summary>The code of a patient that is not known.</summary>
    public const string PatientNotFound = "patient-not-found";

    /// <summary>Whether a unit is one glucose is shown in: mg/dL or mmol/L.</summary>
    public static bool IsGlucoseUnit([NotNullWhen(true)] string? unit) => unit is "mg/dL" or "mmol/L";

    /// <summary>
    /// Admits a patient under an opaque id (never a medical record number), with the hospital's
    /// identifier if given (stored sealed) and the glucose unit if given (else the default).
    /// </summary>
    public async Task<UseCaseResult> AdmitAsync(PatientId id, string displayName, string? mrn = null, string? glucoseUnit = null, CancellationToken cancellationToken = default)
    {
        if (glucoseUnit is not null && !IsGlucoseUnit(glucoseUnit))
        {
            return UseCaseResult.Refused(RefusalKind.Invalid, InvalidUnit, "the glucose unit is mg/dL or mmol/L");
        }

        if (!await registry.AddPatientAsync(id, displayName, time.GetUtcNow(), mrn, cancellationToken))
        {
            return UseCaseResult.Refused(RefusalKind.Conflict, PatientExists, $"patient {id} already exists");
        }

        if (glucoseUnit is not null)
        {
            await registry.SetGlucoseUnitAsync(id, glucoseUnit, cancellationToken);
        }

        return UseCaseResult.Done;
    }

    /// <summary>Sets the unit a patient's glucose is shown in.</summary>
    public async Task<UseCaseResult> SetGlucoseUnitAsync(PatientId patientId, string? unit, CancellationToken cancellationToken = default)
    {
        if (!IsGlucoseUnit(unit))
        {
            return UseCaseResult.Refused(RefusalKind.Invalid, InvalidUnit, "the glucose unit is mg/dL or mmol/L");
        }

        return await registry.SetGlucoseUnitAsync(patientId, unit, cancellationToken)
            ? UseCaseResult.Done
            : UseCaseResult.Refused(RefusalKind.NotFound, PatientNotFound, $"no patient {patientId}");
    }
}
